import SteadyModel

/// Computes an ``SLOStatus`` from an SLO's history at one instant.
struct SLOFigures {
    let spec: SLOSpec
    let now: WallInstant
    let bounds: PeriodBounds

    init(spec: SLOSpec, now: WallInstant) {
        self.spec = spec
        self.now = now
        self.bounds = PeriodBounds(period: spec.period, at: now)
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
        guard let events = history.range(from: bounds.start, through: now) else {
            status.problems.append("the start of the period is still loading from storage")
            status.gate = gate(remaining: nil, exhausted: false)
            return status
        }
        var periodWindow = Self.windowStatus(
            bounds.length ?? spec.period.nominalLength, events, budgetFraction, nil)
        periodWindow.window = "period"
        status.windows.append(periodWindow)
        status.errorBudgetBurnRate = events.errorRatio.map { $0 / budgetFraction }

        switch spec.budgeting {
        case .occurrences:
            status.goodEventsCount = events.good
            status.badEventsCount = events.bad
            status.sliMeasurement = events.ratio
            status.errorBudgetTotal = budgetFraction * events.total
            status.errorBudgetRemaining = status.errorBudgetTotal - events.bad
            if events.total > 0 {
                status.errorBudgetRemainingRatio = 1 - events.bad / (budgetFraction * events.total)
            }
        case .timeslices(let slice, _):
            let sliceMinutes = max(1, Int64((slice.seconds / 60).rounded()))
            let counted = sliceCounts(slices, sliceMinutes: sliceMinutes) ?? .zero
            let slicesInPeriod = (periodMinutes / Double(sliceMinutes)).rounded(.down)
            status.goodEventsCount = counted.good
            status.badEventsCount = counted.bad
            status.sliMeasurement = counted.ratio
            status.errorBudgetTotal = budgetFraction * slicesInPeriod
            status.errorBudgetRemaining = status.errorBudgetTotal - counted.bad
            if status.errorBudgetTotal > 0 {
                status.errorBudgetRemainingRatio = status.errorBudgetRemaining / status.errorBudgetTotal
            }
        case .ratioTimeslices(let slice):
            let sliceMinutes = max(1, Int64((slice.seconds / 60).rounded()))
            let counted = sliceCounts(slices, sliceMinutes: sliceMinutes) ?? .zero
            status.goodEventsCount = counted.good
            status.badEventsCount = counted.bad
            status.sliMeasurement = counted.ratio
            status.errorBudgetTotal = budgetFraction * counted.total
            status.errorBudgetRemaining = status.errorBudgetTotal - counted.bad
            if counted.total > 0 {
                status.errorBudgetRemainingRatio = 1 - counted.bad / (budgetFraction * counted.total)
            }
        }
        if let sli = status.sliMeasurement { status.gap = sli - status.sloTarget }
        if let remaining = status.errorBudgetRemainingRatio {
            status.errorBudgetConsumedRatio = 1 - remaining
            status.errorBudgetRemainingMinutes = status.errorBudgetMinutes * remaining
            if remaining > 0, let burn = status.currentBurnRate, burn > 0 {
                status.timeToExhaustionSeconds = remaining * spec.period.nominalLength.seconds / burn
            }
        } else {
            status.errorBudgetRemainingMinutes = status.errorBudgetMinutes
            status.problems.append("no events in the period yet")
        }
        status.gate = gate(
            remaining: status.errorBudgetRemainingRatio, exhausted: (status.errorBudgetRemainingRatio ?? 1) <= 0)
        return status
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
