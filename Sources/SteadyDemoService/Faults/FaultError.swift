/// Why a fault setting was refused. Compare with the static members; ``message`` explains it to a human.
///
/// ```swift
/// do { try service.faults.set(FaultSettings(errorRatio: 2)) } catch where error == .invalidErrorRatio { … }
/// ```
public struct FaultError: Error, Hashable, CustomStringConvertible {
    private enum Kind: Hashable {
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

    /// `errorRatio` was not a number between 0 and 1.
    public static let invalidErrorRatio = FaultError(.errorRatio, "errorRatio must be a number between 0 and 1")
    /// `addedLatencyMs` was negative or too large.
    public static let invalidAddedLatency = FaultError(
        .addedLatency,
        "addedLatencyMs must be between 0 and \(FaultSettings.maximumAddedLatencyMs)"
    )
    /// The time to live was not positive or exceeded the maximum.
    public static let invalidTTL = FaultError(.ttl, "ttlSeconds must be greater than 0 and at most 86400")
    /// The request body was not a valid fault object.
    public static let invalidBody = FaultError(.invalidBody, "invalid fault body")

    static func errorRatioOutOfRange(_ value: Double) -> FaultError {
        FaultError(.errorRatio, "errorRatio must be a number between 0 and 1, got \(value)")
    }

    static func addedLatencyOutOfRange(_ value: Int) -> FaultError {
        FaultError(
            .addedLatency, "addedLatencyMs must be between 0 and \(FaultSettings.maximumAddedLatencyMs), got \(value)")
    }

    static func ttlOutOfRange(_ value: Duration, maximum: Duration) -> FaultError {
        FaultError(
            .ttl,
            "ttlSeconds must be greater than 0 and at most \(maximum.components.seconds), got \(value.secondsValue)")
    }

    static func invalidBody(_ message: String) -> FaultError {
        FaultError(.invalidBody, message)
    }

    public var description: String { message }

    public static func == (lhs: FaultError, rhs: FaultError) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
