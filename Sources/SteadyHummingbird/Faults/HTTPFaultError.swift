/// Why fault settings were refused. Compare with the static members; ``message`` explains it (and names the JSON
/// field) to a human.
///
/// ```swift
/// do { try faultSwitch.set(HTTPFaults(errorRatio: 2)) } catch where error == .invalidErrorRatio { … }
/// ```
public struct HTTPFaultError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case errorRatio
        case addedLatency
        case ttl
        case invalidBody
    }

    private let kind: Kind
    /// A human-readable explanation, including the offending value.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `errorRatio` was not a number within the limits.
    public static let invalidErrorRatio = HTTPFaultError(.errorRatio, "errorRatio is out of range")
    /// `addedLatencyMs` was negative or above the limit.
    public static let invalidAddedLatency = HTTPFaultError(.addedLatency, "addedLatencyMs is out of range")
    /// The time to live was not positive or above the limit.
    public static let invalidTTL = HTTPFaultError(.ttl, "ttlSeconds is out of range")
    /// The request body was not a valid fault object.
    public static let invalidBody = HTTPFaultError(.invalidBody, "invalid fault body")

    static func errorRatio(_ value: Double, maximum: Double) -> HTTPFaultError {
        HTTPFaultError(
            .errorRatio, "errorRatio must be a number between 0 and \(JSONText.number(maximum)), got \(value)")
    }

    static func addedLatency(_ milliseconds: Int64, maximum: Int64) -> HTTPFaultError {
        HTTPFaultError(.addedLatency, "addedLatencyMs must be between 0 and \(maximum), got \(milliseconds)")
    }

    static func ttl(_ seconds: Double, maximum: Int64) -> HTTPFaultError {
        HTTPFaultError(.ttl, "ttlSeconds must be greater than 0 and at most \(maximum), got \(seconds)")
    }

    static func invalidBody(_ message: String) -> HTTPFaultError {
        HTTPFaultError(.invalidBody, message)
    }

    /// The message.
    public var description: String { self.message }

    /// Compares the kind only.
    public static func == (lhs: HTTPFaultError, rhs: HTTPFaultError) -> Bool { lhs.kind == rhs.kind }
    /// Hashes the kind only.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.kind) }
}
