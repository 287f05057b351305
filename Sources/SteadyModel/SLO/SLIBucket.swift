/// One minute of an SLO's indicator: how many events happened and how many of them were good. Stored per SLO and
/// minute, so every window up to the period is exact, survives restarts and can be backfilled.
public struct SLIBucket: Sendable, Equatable, Codable {
    /// ``SLOSpec/id`` (`service/name`).
    public var slo: String
    /// Start of the minute.
    public var minute: WallInstant
    public var good: Double
    public var total: Double

    public init(slo: String, minute: WallInstant, good: Double, total: Double) {
        self.slo = slo
        self.minute = minute
        self.good = good
        self.total = total
    }

    /// Events that were not good.
    public var bad: Double { max(0, total - good) }
}
