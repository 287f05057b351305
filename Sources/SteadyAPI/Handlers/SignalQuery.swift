import SteadyModel

/// A validated range query over golden signals.
struct SignalQuery: Sendable, Equatable {
    /// The most points one query may return (as Prometheus's range API).
    static let maximumPoints: Int64 = 11_000
    static let minimumStep: Duration = .seconds(60)

    var from: WallInstant
    var to: WallInstant
    var step: Duration

    /// Defaults: `to` = now, `from` = `to` − 1h, `step` = 1m. The step must be a whole number of minutes (signals are
    /// stored per minute), `from` must be before `to`, and the range may hold at most 11,000 steps.
    init(from: WallInstant?, to: WallInstant?, step: Duration?, now: WallInstant) throws {
        let step = step ?? .seconds(60)
        let to = to ?? now
        let from = from ?? to.advanced(by: .seconds(-3600))
        guard step >= Self.minimumStep else {
            throw APIError.badRequest("step must be at least 1m (got \(PrometheusDuration.format(step)))")
        }
        guard step.nanoseconds % Self.minimumStep.nanoseconds == 0 else {
            throw APIError.badRequest(
                "step must be a whole number of minutes (got \(PrometheusDuration.format(step)))")
        }
        guard from < to else { throw APIError.badRequest("from must be before to") }
        let points = from.duration(to: to).nanoseconds / step.nanoseconds
        guard points <= Self.maximumPoints else {
            throw APIError.badRequest(
                "exceeded maximum resolution of 11,000 points; use a larger step or a shorter range (\(points) points)"
            )
        }
        self.from = from
        self.to = to
        self.step = step
    }
}
