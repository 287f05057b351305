/// `pagerduty_configs` entry: Events API v2 (`trigger` while any alert fires, `resolve` after), deduplicated by the
/// SHA-256 of the group key as Alertmanager derives it. With a `service_key` the event goes to Events API v1 instead
/// (`incident_key`, `event_type`), as in Alertmanager.
///
/// ```yaml
/// pagerduty_configs:
///   - routing_key: 0123456789abcdef0123456789abcdef
///     severity: '{{ if eq .CommonLabels.severity "page" }}critical{{ else }}warning{{ end }}'
/// ```
public struct PagerDutyConfig: Sendable, Equatable, Encodable {
    /// Events API v2 integration key. At least one of `routingKey` and `serviceKey` is set.
    public var routingKey: Secret?
    /// The Events API v1 key. When it is set the event goes to Events API v1, even if `routingKey` is set too
    /// (Alertmanager 0.25 picks v1 whenever `service_key` or `service_key_file` is configured).
    public var serviceKey: Secret?
    /// `url`, or `global.pagerduty_url` (default `https://events.pagerduty.com/v2/enqueue`).
    public var url: String
    public var sendResolved: Bool
    public var client: String
    public var clientURL: String
    /// `summary` of the event (templated; truncated to 1024 characters).
    public var description: String
    public var severity: String
    public var source: String
    public var `class`: String
    public var component: String
    public var group: String
    /// Whether events go to Events API v1: a `service_key` is configured (it wins over `routing_key`).
    public var usesEventsAPIV1: Bool { serviceKey != nil }
    /// `custom_details` (values are templates), sorted by key.
    public var details: [String: String]
    public var http: HTTPClientSettings

    /// Alertmanager's default details: the firing and resolved alerts as text and their counts.
    public static let defaultDetails: [String: String] = [
        "firing": #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
        "resolved": #"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#,
        "num_firing": "{{ .Alerts.Firing | len }}",
        "num_resolved": "{{ .Alerts.Resolved | len }}",
    ]

    public init(
        routingKey: Secret? = nil, serviceKey: Secret? = nil, url: String = "https://events.pagerduty.com/v2/enqueue",
        sendResolved: Bool = true, client: String = #"{{ template "pagerduty.default.client" . }}"#,
        clientURL: String = #"{{ template "pagerduty.default.clientURL" . }}"#,
        description: String = #"{{ template "pagerduty.default.description" .}}"#, severity: String = "error",
        source: String = "", class: String = "", component: String = "", group: String = "",
        details: [String: String] = PagerDutyConfig.defaultDetails, http: HTTPClientSettings = HTTPClientSettings()
    ) {
        self.routingKey = routingKey
        self.serviceKey = serviceKey
        self.url = url
        self.sendResolved = sendResolved
        self.client = client
        self.clientURL = clientURL
        self.description = description
        self.severity = severity
        self.source = source
        self.class = `class`
        self.component = component
        self.group = group
        self.details = details
        self.http = http
    }

    private enum CodingKeys: String, CodingKey {
        case routingKey = "routing_key", serviceKey = "service_key", url, sendResolved = "send_resolved", client
        case clientURL = "client_url", description, severity, source, `class`, component, group, details
        case http = "http_config"
    }
}
