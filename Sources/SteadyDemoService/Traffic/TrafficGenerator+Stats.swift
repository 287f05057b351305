extension TrafficGenerator {
    /// Exact counts of what the generator sent and what came back.
    public struct Stats: Sendable, Hashable {
        /// One `http_requests_total` series as the service labels it.
        public struct Series: Sendable, Hashable, CustomStringConvertible {
            public var method: String
            public var route: String
            public var code: Int

            public init(method: String, route: String, code: Int) {
                self.method = method
                self.route = route
                self.code = code
            }

            public var description: String { "{method=\"\(method)\",route=\"\(route)\",code=\"\(code)\"}" }
        }

        /// Requests started.
        public var sent = 0
        /// Requests started, by route template.
        public var sentByRoute: [String: Int] = [:]
        /// Responses received (any status).
        public var responses = 0
        /// Requests that got no response (connection error or timeout).
        public var failures = 0
        /// Responses by status code.
        public var byStatus: [Int: Int] = [:]
        /// Responses by route template.
        public var byRoute: [String: Int] = [:]
        /// Responses by method, route template and status code.
        public var bySeries: [Series: Int] = [:]

        public init() {}

        mutating func recordSent(_ request: PlannedRequest) {
            sent += 1
            sentByRoute[request.route, default: 0] += 1
        }

        mutating func recordResponse(_ request: PlannedRequest, status: Int) {
            responses += 1
            byStatus[status, default: 0] += 1
            byRoute[request.route, default: 0] += 1
            bySeries[Series(method: request.method, route: request.route, code: status), default: 0] += 1
        }

        mutating func recordFailure() {
            failures += 1
        }
    }
}
