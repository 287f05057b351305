public import SteadyModel

/// Builds chart series for an SLO from its stored buckets: at every step, the period's SLI and remaining budget
/// (exact event counts, as the evaluator computes them for occurrences) and the one-hour burn rate.
public enum SLOSeriesBuilder {
    /// - Parameter buckets: the SLO's buckets from `from − period − 1h` through `to`.
    public static func series(
        spec: SLOSpec, buckets: [SLIBucket], from: WallInstant, to: WallInstant, step: Duration
    ) -> SLOSeries {
        let span = from.duration(to: to)
        let horizon = spec.period.maximumLength + span + .seconds(7200)
        var history = SLIHistory(fineHorizon: horizon, coarseHorizon: horizon)
        for bucket in buckets.sorted(by: { $0.minute < $1.minute }) {
            history.record(minute: bucket.minute, good: bucket.good, total: bucket.total)
        }
        let budgetFraction = spec.budgetFraction
        var points: [SLOSeries.Point] = []
        var time = from
        var previous = from.advanced(by: .zero - step)
        while time <= to {
            let period = history.range(from: PeriodBounds(period: spec.period, at: time).start, through: time)
            let hour = history.window(endingAt: time, length: .seconds(3600))
            let stepCounts =
                history.range(from: previous.advanced(by: .seconds(60)), through: time) ?? .zero
            var remaining: Double?
            if let period, period.total > 0 { remaining = 1 - period.bad / (budgetFraction * period.total) }
            points.append(
                SLOSeries.Point(
                    time: time, sliMeasurement: period?.ratio, errorBudgetRemainingRatio: remaining,
                    burnRate1h: hour?.errorRatio.map { $0 / budgetFraction }, goodEventsCount: stepCounts.good,
                    badEventsCount: stepCounts.bad))
            previous = time
            time = time.advanced(by: step)
        }
        return SLOSeries(slo: spec.id, step: PrometheusDuration.format(step), points: points)
    }
}
