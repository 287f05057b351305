import SteadyModel

/// Computes an ``SLOStatus`` from an SLO's history at one instant.
struct SLOFigures {
    let spec: SLOSpec
    let now: WallInstant
    let bounds: PeriodBounds

    init(spec: SLOSpec, now: WallInstant, bounds: PeriodBounds? = nil) {
        self.spec = spec
        self.now = now
        self.bounds = bounds ?? PeriodBounds(period: spec.period, at: now)
    }

    /// The period length the budget is spread over: the rolling duration or the whole calendar period.
    var periodLength: Duration { bounds.length ?? spec.period.nominalLength }

    func status(history: SLIHistory, slices: SliceLedger?, windows: [Duration]) -> SLOStatus {
        let budgetFraction = spec.budgetFraction
        var status = SLOStatus(
            slo: spec.id, service: spec.service, name: spec.name, description: spec.description,
            sloTarget: spec.objective / 100, period: spec.period.description, periodStart: bounds.start,
            periodEnd: bounds.end, evaluatedAt: now, budgetingMethod: Self.methodName(spec.budgeting),
            errorBudgetTarget: budgetFraction,
            gate: SLOGate(allowed: true, reason: "", freezeBelow: nil, remainingRatio: nil))
        let periodMinutes = periodLength.seconds / 60
        status.errorBudgetMinutes = periodMinutes * budgetFraction

        // Per-window figures.
        let thresholds = Dictionary(
            spec.alerting.tiers.flatMap { tier in
                tier.windows.flatMap { pair in
                    let threshold = pair.threshold(periodLength: spec.period.nominalLength)
                    return [(pair.long, threshold), (pair.short, threshold)]
                }
            }, uniquingKeysWith: max)
        for window in windows {
            guard let counts = history.window(endingAt: now, length: window) else { continue }
            status.windows.append(Self.windowStatus(window, counts, budgetFraction, thresholds[window]))
        }
        if let hour = history.window(endingAt: now, length: .seconds(3600)), let ratio = hour.errorRatio {
            status.currentBurnRate = ratio / budgetFraction
        }

        // The period.
        guard let budget = budget(history: history, slices: slices) else {
            status.problems.append("the start of the period is still loading from storage")
            status.gate = gate(remaining: nil, exhausted: false)
            return status
        }
        var periodWindow = Self.windowStatus(
            bounds.length ?? spec.period.nominalLength, budget.events, budgetFraction, nil)
        periodWindow.window = "period"
        status.windows.append(periodWindow)
        status.errorBudgetBurnRate = budget.events.errorRatio.map { $0 / budgetFraction }
        status.goodEventsCount = budget.counted.good
        status.badEventsCount = budget.counted.bad
        status.sliMeasurement = budget.counted.ratio
        status.errorBudgetTotal = budget.total
        status.errorBudgetRemaining = budget.total - budget.counted.bad
        status.errorBudgetRemainingRatio = budget.remainingRatio
        if let sli = status.sliMeasurement { status.gap = sli - status.sloTarget }
        if let remaining = status.errorBudgetRemainingRatio {
            status.errorBudgetConsumedRatio = 1 - remaining
            status.errorBudgetRemainingMinutes = status.errorBudgetMinutes * remaining
            status.timeToExhaustionSeconds = timeToExhaustion(remaining: remaining, burn: status.currentBurnRate)
        } else {
            status.errorBudgetRemainingMinutes = status.errorBudgetMinutes
            status.problems.append("no events in the period yet")
        }
        status.gate = gate(
            remaining: status.errorBudgetRemainingRatio, exhausted: (status.errorBudgetRemainingRatio ?? 1) <= 0)
        return status
    }

    /// The period's budget in numbers only (the evaluation tick's fast path).
    struct Budget {
        /// Events in the period.
        var events: EventCounts
        /// What the budget counts: events (occurrences) or slices.
        var counted: EventCounts
        /// The budget in the counted unit.
        var total: Double
        /// Share of the budget left; nil when nothing was counted.
        var remainingRatio: Double?
    }

    func budget(history: SLIHistory, slices: SliceLedger?) -> Budget? {
        guard let events = history.range(from: bounds.start, through: now) else { return nil }
        let budgetFraction = spec.budgetFraction
        switch spec.budgeting {
        case .occurrences:
            let total = budgetFraction * events.total
            return Budget(
                events: events, counted: events, total: total,
                remainingRatio: events.total > 0 ? 1 - events.bad / total : nil)
        case .timeslices(let slice, _):
            let sliceMinutes = max(1, Int64((slice.seconds / 60).rounded()))
            let counted = sliceCounts(slices, sliceMinutes: sliceMinutes) ?? .zero
            let slicesInPeriod = (periodLength.seconds / 60 / Double(sliceMinutes)).rounded(.down)
            let total = budgetFraction * slicesInPeriod
            return Budget(
                events: events, counted: counted, total: total,
                remainingRatio: total > 0 ? (total - counted.bad) / total : nil)
        case .ratioTimeslices(let slice):
            let sliceMinutes = max(1, Int64((slice.seconds / 60).rounded()))
            let counted = sliceCounts(slices, sliceMinutes: sliceMinutes) ?? .zero
            let total = budgetFraction * counted.total
            return Budget(
                events: events, counted: counted, total: total,
                remainingRatio: counted.total > 0 ? 1 - counted.bad / total : nil)
        }
    }

    /// Seconds until the budget is gone at `burn`; nil when not burning or already gone.
    func timeToExhaustion(remaining: Double, burn: Double?) -> Double? {
        guard remaining > 0, let burn, burn > 0 else { return nil }
        return remaining * spec.period.nominalLength.seconds / burn
    }

    /// Slices finished inside the period.
    private func sliceCounts(_ slices: SliceLedger?, sliceMinutes: Int64) -> EventCounts? {
        guard let slices else { return nil }
        let startMinute = SLIHistory.minuteIndex(bounds.start)
        let firstSlice = SLIHistory.floorDiv(startMinute + sliceMinutes - 1, sliceMinutes)
        let lastSlice = SLIHistory.floorDiv(SLIHistory.minuteIndex(now), sliceMinutes) - 1
        return slices.sum(from: firstSlice, through: lastSlice)
    }

    private func gate(remaining: Double?, exhausted: Bool) -> SLOGate {
        if let freeze = spec.freezeDeploysBelow {
            guard let remaining else {
                return SLOGate(
                    allowed: true, reason: "no events in the period yet; the budget is untouched",
                    freezeBelow: freeze, remainingRatio: nil)
            }
            let left = SLOFormatting.percent(remaining * 100)
            if remaining < freeze {
                return SLOGate(
                    allowed: false,
                    reason:
                        "deploys frozen: \(left)% of the error budget left, below the policy's "
                        + "\(SLOFormatting.percent(freeze * 100))%",
                    freezeBelow: freeze, remainingRatio: remaining)
            }
            return SLOGate(
                allowed: true,
                reason:
                    "\(left)% of the error budget left (policy freezes below \(SLOFormatting.percent(freeze * 100))%)",
                freezeBelow: freeze, remainingRatio: remaining)
        }
        if exhausted {
            return SLOGate(
                allowed: false, reason: "deploys frozen: the error budget is exhausted (no policy set; default)",
                freezeBelow: 0, remainingRatio: remaining)
        }
        let left = remaining.map { "\(SLOFormatting.percent($0 * 100))% of the error budget left" } ?? "no events yet"
        return SLOGate(
            allowed: true, reason: "\(left) (no policy set; deploys freeze when exhausted)", freezeBelow: nil,
            remainingRatio: remaining)
    }

    static func windowStatus(
        _ window: Duration, _ counts: EventCounts, _ budgetFraction: Double, _ threshold: Double?
    ) -> SLOWindowStatus {
        let errorRatio = counts.errorRatio
        return SLOWindowStatus(
            window: PrometheusDuration.format(window), windowSeconds: window.seconds, goodEventsCount: counts.good,
            badEventsCount: counts.bad, sliMeasurement: counts.ratio, errorBudgetMeasurement: errorRatio,
            errorBudgetBurnRate: errorRatio.map { $0 / budgetFraction }, alertingBurnRateThreshold: threshold)
    }

    static func methodName(_ method: BudgetingMethod) -> String {
        switch method {
        case .occurrences: "occurrences"
        case .timeslices: "timeslices"
        case .ratioTimeslices: "ratio_timeslices"
        }
    }
}
