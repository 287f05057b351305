/// What the admin fault switch does to API requests while it is active.
///
/// ```swift
/// let settings = FaultSettings(errorRatio: 0.25, addedLatencyMs: 200)
/// try service.faults.set(settings, ttl: .seconds(300))
/// ```
public struct FaultSettings: Sendable, Hashable {
    /// Share of API requests (0…1) answered with 500.
    public var errorRatio: Double
    /// Extra delay added to every API request, in milliseconds (0…``maximumAddedLatencyMs``).
    public var addedLatencyMs: Int
    /// When true, API requests and readiness answer 503.
    public var down: Bool

    /// Largest accepted ``addedLatencyMs``.
    public static let maximumAddedLatencyMs = 60_000

    /// No faults.
    public static let none = FaultSettings()

    public init(errorRatio: Double = 0, addedLatencyMs: Int = 0, down: Bool = false) {
        self.errorRatio = errorRatio
        self.addedLatencyMs = addedLatencyMs
        self.down = down
    }

    /// True when these settings change nothing.
    public var isNone: Bool { errorRatio == 0 && addedLatencyMs == 0 && !down }

    /// Throws a ``FaultError`` when a value is out of range.
    public func validate() throws(FaultError) {
        guard errorRatio.isFinite, errorRatio >= 0, errorRatio <= 1 else {
            throw .errorRatioOutOfRange(errorRatio)
        }
        guard addedLatencyMs >= 0, addedLatencyMs <= Self.maximumAddedLatencyMs else {
            throw .addedLatencyOutOfRange(addedLatencyMs)
        }
    }
}
