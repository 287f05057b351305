/// A health response in the "Health Check Response Format for HTTP APIs" (draft-inadarei-api-health-check), served as
/// `application/health+json`.
struct HealthReport: Encodable, Sendable {
    enum Status: String, Encodable, Sendable, Comparable {
        case pass, warn, fail

        private var severity: Int {
            switch self {
            case .pass: 0
            case .warn: 1
            case .fail: 2
            }
        }

        static func < (lhs: Status, rhs: Status) -> Bool { lhs.severity < rhs.severity }
    }

    /// One measurement of one component (an entry of the `checks` object).
    struct Check: Encodable, Sendable {
        var componentId: String?
        var componentType: String?
        var observedValue: Double?
        var observedUnit: String?
        var status: Status
        var output: String?
    }

    static let contentType = "application/health+json"

    var status: Status
    var version: String
    var releaseId: String
    var serviceId: String
    var description: String
    var output: String?
    /// Keys are `component:measurement`.
    var checks: [String: [Check]]

    /// The overall status is the worst of the checks; `output` repeats the first problem.
    init(serviceId: String, version: String, description: String, checks: [String: [Check]]) {
        let all = checks.keys.sorted().flatMap { checks[$0] ?? [] }
        let worst = all.map(\.status).max() ?? .pass
        self.status = worst
        self.version = String(version.split(separator: ".").first ?? "1")
        self.releaseId = version
        self.serviceId = serviceId
        self.description = description
        self.output = worst == .pass ? nil : all.first(where: { $0.status == worst })?.output
        self.checks = checks
    }

    /// 200 for pass and warn, 503 for fail.
    var httpStatusCode: Int { status == .fail ? 503 : 200 }
}
