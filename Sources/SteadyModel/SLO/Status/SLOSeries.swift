/// Points over time for an SLO chart: the period's SLI and remaining budget, and the one-hour burn rate.
public struct SLOSeries: Sendable, Equatable, Codable {
    public var slo: String
    public var step: String
    public var points: [Point]

    public struct Point: Sendable, Equatable, Codable {
        public var time: WallInstant
        /// The period's SLI (events) at `time`; nil when nothing was counted.
        public var sliMeasurement: Double?
        /// Share of the period's budget left at `time` (events; negative once overspent).
        public var errorBudgetRemainingRatio: Double?
        /// Burn rate over the hour before `time`.
        public var burnRate1h: Double?
        /// Events in the step ending at `time`.
        public var goodEventsCount: Double
        public var badEventsCount: Double

        public init(
            time: WallInstant, sliMeasurement: Double?, errorBudgetRemainingRatio: Double?, burnRate1h: Double?,
            goodEventsCount: Double, badEventsCount: Double
        ) {
            self.time = time
            self.sliMeasurement = sliMeasurement
            self.errorBudgetRemainingRatio = errorBudgetRemainingRatio
            self.burnRate1h = burnRate1h
            self.goodEventsCount = goodEventsCount
            self.badEventsCount = badEventsCount
        }

        enum CodingKeys: String, CodingKey {
            case time
            case sliMeasurement = "sli_measurement"
            case errorBudgetRemainingRatio = "error_budget_remaining_ratio"
            case burnRate1h = "burn_rate_1h"
            case goodEventsCount = "good_events_count"
            case badEventsCount = "bad_events_count"
        }
    }

    public init(slo: String, step: String, points: [Point]) {
        self.slo = slo
        self.step = step
        self.points = points
    }
}
