/// What a Healthchecks-style ping reports, from the URL suffix after `/ping/<uuid>`.
///
/// ```swift
/// HeartbeatPing.Kind(suffix: nil)      // .success
/// HeartbeatPing.Kind(suffix: "start")  // .start
/// HeartbeatPing.Kind(suffix: "fail")   // .failure(exitStatus: nil)
/// HeartbeatPing.Kind(suffix: "0")      // .success
/// HeartbeatPing.Kind(suffix: "3")      // .failure(exitStatus: 3)
/// HeartbeatPing.Kind(suffix: "256")    // nil: not a ping URL
/// ```
public struct HeartbeatPing: Sendable, Equatable {
    /// The meaning of a ping.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// `/ping/<uuid>` or `/ping/<uuid>/0`: the job finished successfully.
        case success
        /// `/ping/<uuid>/start`: a run began (its duration is measured up to the next success or failure).
        case start
        /// `/ping/<uuid>/fail` (no exit status) or `/ping/<uuid>/<1–255>`.
        case failure(exitStatus: Int?)

        /// Parses the path segment after the UUID; nil for anything Healthchecks would answer 404 to.
        public init?(suffix: String?) {
            guard let suffix else {
                self = .success
                return
            }
            switch suffix {
            case "start": self = .start
            case "fail": self = .failure(exitStatus: nil)
            default:
                guard !suffix.isEmpty, suffix.count <= 3, suffix.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    let status = Int(suffix), status <= 255
                else { return nil }
                self = status == 0 ? .success : .failure(exitStatus: status)
            }
        }

        public var description: String {
            switch self {
            case .success: "success"
            case .start: "start"
            case .failure(nil): "fail"
            case .failure(let status?): "exit status \(status)"
            }
        }
    }

    /// The largest request body kept as a ping's message (Healthchecks keeps the first 100 kB).
    public static let maximumBodyBytes = 100_000

    public var uuid: String
    public var kind: Kind
    /// The request body (at most ``maximumBodyBytes`` bytes of it), usually the job's output.
    public var body: String?

    public init(uuid: String, kind: Kind, body: String? = nil) {
        self.uuid = uuid.lowercased()
        self.kind = kind
        self.body = body
    }
}
