/// Why a ``TrafficGenerator`` could not be created or an admin request failed.
public struct TrafficGeneratorError: Error, Hashable, CustomStringConvertible {
    private enum Kind: Hashable {
        case invalidBaseURL
        case nonLoopbackHost
        case invalidRate
        case adminRequestFailed
    }

    private let kind: Kind
    /// A human-readable explanation.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The base URL is not an `http://host:port` URL.
    public static let invalidBaseURL = TrafficGeneratorError(.invalidBaseURL, "invalid base URL")
    /// The base URL's host is not a loopback address.
    public static let nonLoopbackHost = TrafficGeneratorError(.nonLoopbackHost, "base URL is not on loopback")
    /// The rate is not a positive number.
    public static let invalidRate = TrafficGeneratorError(.invalidRate, "requestsPerSecond must be positive")
    /// An `/admin/faults` request did not answer 200.
    public static let adminRequestFailed = TrafficGeneratorError(.adminRequestFailed, "admin request failed")

    static func invalidBaseURL(_ url: String) -> Self {
        Self(.invalidBaseURL, "invalid base URL '\(url)': expected http://host:port")
    }

    static func nonLoopbackHost(_ host: String) -> Self {
        Self(.nonLoopbackHost, "base URL host '\(host)' is not a loopback address; set allowNonLoopback to permit it")
    }

    static func invalidRate(_ rate: Double) -> Self {
        Self(.invalidRate, "requestsPerSecond must be a positive number, got \(rate)")
    }

    static func adminRequestFailed(status: Int, body: String) -> Self {
        Self(.adminRequestFailed, "admin request answered \(status): \(body)")
    }

    public var description: String { message }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}
