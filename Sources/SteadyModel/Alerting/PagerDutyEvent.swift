/// A PagerDuty Events API v2 event (`POST /v2/enqueue`), as decoded from the request; validated by the pipeline.
public struct PagerDutyEvent: Sendable, Equatable {
    public struct Payload: Sendable, Equatable {
        public var summary: String?
        public var source: String?
        public var severity: String?
        public var timestamp: String?
        public var component: String?
        public var group: String?
        public var `class`: String?
        /// `custom_details` re-encoded as JSON text (it may be any JSON value).
        public var customDetails: String?

        public init(
            summary: String? = nil, source: String? = nil, severity: String? = nil, timestamp: String? = nil,
            component: String? = nil, group: String? = nil, class: String? = nil, customDetails: String? = nil
        ) {
            self.summary = summary
            self.source = source
            self.severity = severity
            self.timestamp = timestamp
            self.component = component
            self.group = group
            self.class = `class`
            self.customDetails = customDetails
        }
    }

    public var routingKey: String?
    public var eventAction: String?
    public var dedupKey: String?
    public var payload: Payload?
    public var client: String?
    public var clientURL: String?

    public init(
        routingKey: String? = nil, eventAction: String? = nil, dedupKey: String? = nil, payload: Payload? = nil,
        client: String? = nil, clientURL: String? = nil
    ) {
        self.routingKey = routingKey
        self.eventAction = eventAction
        self.dedupKey = dedupKey
        self.payload = payload
        self.client = client
        self.clientURL = clientURL
    }
}
