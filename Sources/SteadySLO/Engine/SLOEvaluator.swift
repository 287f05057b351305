public import SteadyModel

/// Evaluates one SLO: holds its SLI history, computes windows, budget and burn rates at an instant, and runs its
/// alerts' state machine. Pure and synchronous; time is whatever instant the caller passes.
///
/// ```swift
/// var evaluator = SLOEvaluator(spec: slo)
/// evaluator.record(minute: t, good: 999, total: 1000)
/// let (status, actions) = evaluator.evaluate(at: t)
/// ```
public struct SLOEvaluator: Sendable {
    public private(set) var spec: SLOSpec
    public private(set) var history: SLIHistory
    private var slices: SliceLedger?
    private var alerts = SLOAlertMachine()
    /// When the evaluator started watching (no-data alerts wait this long before firing).
    private var watchingSince: WallInstant?
    private var cachedBounds: PeriodBounds?
    /// Problems reported by the SLI source (e.g. a latency threshold that is not a bucket boundary).
    public var sourceProblems: [String] = []

    /// Windows reported in ``SLOStatus/windows`` besides the period: the alert windows and one hour.
    public let windows: [Duration]
    /// The enabled tiers (cached: the tick reads them for every SLO).
    private var tiers: [BurnRateTier]

    public init(spec: SLOSpec) {
        self.spec = spec
        tiers = spec.alerting.tiers
        let alertWindows = spec.alerting.tiers.flatMap { $0.windows.flatMap { [$0.long, $0.short] } }
        var all = Set(alertWindows + [.seconds(3600)])
        if let noData = spec.alerting.noDataAfter { all.insert(noData) }
        windows = all.sorted()
        let longest = windows.last ?? .seconds(3600)
        history = SLIHistory(
            fineHorizon: longest + .seconds(3600), coarseHorizon: spec.period.maximumLength + .seconds(3600))
        switch spec.budgeting {
        case .occurrences:
            slices = nil
        case .timeslices(let slice, _), .ratioTimeslices(let slice):
            let minutes = max(1, Int64((slice.seconds / 60).rounded()))
            slices = SliceLedger(
                sliceMinutes: minutes, periodMinutes: Int64(spec.period.maximumLength.seconds / 60) + 60)
        }
    }

    /// Keeps history and alert state when only presentation changed; callers create a fresh evaluator when the SLI,
    /// period or budgeting changed.
    public mutating func update(spec newSpec: SLOSpec) {
        spec = newSpec
        tiers = newSpec.alerting.tiers
    }

    /// Whether a new spec can keep this evaluator's history.
    public func canKeepHistory(for newSpec: SLOSpec) -> Bool {
        newSpec.sli == spec.sli && newSpec.period == spec.period && newSpec.budgeting == spec.budgeting
            && newSpec.alerting == spec.alerting
    }

    /// Adds events to a minute.
    public mutating func record(minute: WallInstant, good: Double, total: Double) {
        history.record(minute: minute, good: good, total: total)
    }

    /// Restores alerts that were firing before a restart without announcing them again.
    public mutating func restoreAlerts(_ firing: [SLOAlert]) { alerts.restore(firing) }

    /// Alerts currently firing.
    public var firingAlerts: [SLOAlert] { alerts.firingAlerts }

    /// The hour whose per-minute buckets must be loaded before the period can be evaluated at `now`.
    public func neededEdge(at now: WallInstant) -> WallInstant? {
        history.neededEdge(forWindowStartingAt: PeriodBounds(period: spec.period, at: now).start)
    }

    public mutating func setEdge(hourStart: WallInstant, buckets: [SLIBucket]) {
        history.setEdge(hourStart: hourStart, buckets: buckets)
    }

    /// Evaluates the alerts at `now` and returns the transitions to announce. This is the tick's fast path: numbers
    /// only, no status is built (see ``status(at:)``).
    public mutating func evaluate(at now: WallInstant) -> [SLOAlertAction] {
        if watchingSince == nil { watchingSince = history.firstMinute }
        finalizeSlices(through: now)
        let figures = SLOFigures(spec: spec, now: now, bounds: bounds(at: now))
        let active = activeAlerts(figures: figures, now: now)
        return alerts.update(active: active, at: now)
    }

    /// The full status at `now` (figures of every window, budget, gate, firing alerts). Call ``evaluate(at:)``
    /// first so alerts and finished slices are current.
    public func status(at now: WallInstant) -> SLOStatus {
        let figures = SLOFigures(spec: spec, now: now, bounds: cachedBounds.flatMap { $0.covers(now) ? $0 : nil })
        var status = figures.status(history: history, slices: slices, windows: windows)
        status.problems.insert(contentsOf: sourceProblems, at: 0)
        status.alerts = alerts.firingAlerts
        return status
    }

    /// Period bounds, cached for calendar periods until the period ends.
    private mutating func bounds(at now: WallInstant) -> PeriodBounds {
        if let cached = cachedBounds, cached.covers(now) { return cached }
        let bounds = PeriodBounds(period: spec.period, at: now)
        cachedBounds = bounds.end == nil ? nil : bounds
        return bounds
    }

    // MARK: - Slices

    private mutating func finalizeSlices(through now: WallInstant) {
        // Taken out so the ledger's storage is uniquely referenced and updated in place.
        guard var ledger = slices.take() else { return }
        let currentMinute = SLIHistory.minuteIndex(now)
        let currentSlice = ledger.slice(ofMinute: currentMinute)
        let lastDone = currentSlice - 1
        guard let firstMinute = history.firstMinute else {
            ledger.markFinalized(through: lastDone)
            slices = ledger
            return
        }
        var next = (ledger.lastFinalized ?? (ledger.slice(ofMinute: SLIHistory.minuteIndex(firstMinute)) - 1)) + 1
        // Never look further back than the period.
        let periodSlices = Int64(spec.period.maximumLength.seconds / 60) / ledger.sliceMinutes + 1
        next = max(next, lastDone - periodSlices)
        while next <= lastDone {
            let from = next * ledger.sliceMinutes
            let counts = history.counts(fromMinute: from, throughMinute: from + ledger.sliceMinutes - 1) ?? .zero
            switch spec.budgeting {
            case .timeslices(_, let target):
                let good = (counts.ratio ?? 1) >= target
                ledger.finalize(slice: next, good: good ? 1 : 0, total: 1)
            case .ratioTimeslices:
                if let ratio = counts.ratio { ledger.finalize(slice: next, good: ratio, total: 1) }
                ledger.markFinalized(through: next)
            case .occurrences:
                break
            }
            next += 1
        }
        ledger.markFinalized(through: lastDone)
        slices = ledger
    }

    // MARK: - Alerts

    private func activeAlerts(figures: SLOFigures, now: WallInstant) -> [SLOAlert] {
        var active: [SLOAlert] = []
        let budgetFraction = spec.budgetFraction
        let periodLength = spec.period.nominalLength
        let budget = figures.budget(history: history, slices: slices)
        for tier in tiers {
            var firingPair: (BurnRateWindow, Double, Double)?
            for pair in tier.windows {
                let threshold = pair.threshold(periodLength: periodLength)
                guard let long = history.window(endingAt: now, length: pair.long),
                    let short = history.window(endingAt: now, length: pair.short),
                    let longRatio = long.errorRatio, let shortRatio = short.errorRatio,
                    long.total >= Double(spec.alerting.minimumEvents)
                else { continue }
                if longRatio > threshold * budgetFraction && shortRatio > threshold * budgetFraction {
                    firingPair = (pair, longRatio / budgetFraction, shortRatio / budgetFraction)
                    break
                }
            }
            guard let (pair, longBurn, shortBurn) = firingPair else { continue }
            let hour = history.window(endingAt: now, length: .seconds(3600))?.errorRatio.map { $0 / budgetFraction }
            let remaining = budget?.remainingRatio
            active.append(
                alert(
                    name: SLOAlert.burnRateAlertName, severity: tier.severity, tier: tier.name, now: now,
                    summary: "SLO \(spec.id) is burning its error budget too fast",
                    description: Self.burnDescription(
                        pair: pair, threshold: pair.threshold(periodLength: periodLength), longBurn: longBurn,
                        shortBurn: shortBurn, remaining: remaining,
                        exhaustion: remaining.flatMap { figures.timeToExhaustion(remaining: $0, burn: hour) })))
        }
        if spec.alerting.budgetExhausted, let remaining = budget?.remainingRatio, remaining < 0 {
            active.append(
                alert(
                    name: SLOAlert.exhaustedAlertName, severity: "critical", tier: nil, now: now,
                    summary: "SLO \(spec.id) has exhausted its error budget",
                    description:
                        "The error budget of \(spec.id) (\(SLOFormatting.percent(spec.objective))% over \(spec.period)) "
                        + "is overspent: \(SLOFormatting.percent(-remaining * 100))% over budget, SLI "
                        + "\(budget?.counted.ratio.map { SLOFormatting.percent($0 * 100) + "%" } ?? "unknown")."))
        }
        if let after = spec.alerting.noDataAfter, let since = watchingSince, since.duration(to: now) >= after,
            let counts = history.window(endingAt: now, length: after), counts.total == 0
        {
            active.append(
                alert(
                    name: SLOAlert.noDataAlertName, severity: "warning", tier: nil, now: now,
                    summary: "SLO \(spec.id) has no data",
                    description:
                        "No events reached the SLI of \(spec.id) in the last \(PrometheusDuration.format(after)); "
                        + "check the scrape targets and the SLI selectors."))
        }
        return active
    }

    private func alert(
        name: String, severity: String, tier: String?, now: WallInstant, summary: String, description: String
    ) -> SLOAlert {
        var labels = spec.labels.dictionary.merging(spec.alerting.labels.dictionary) { $1 }
        labels["alertname"] = name
        labels["service"] = spec.service
        labels["slo"] = spec.name
        labels["severity"] = severity
        if let tier { labels["tier"] = tier }
        return SLOAlert(
            name: name, labels: labels, annotations: ["summary": summary, "description": description], startsAt: now)
    }

    static func burnDescription(
        pair: BurnRateWindow, threshold: Double, longBurn: Double, shortBurn: Double, remaining: Double?,
        exhaustion: Double?
    ) -> String {
        var text =
            "Burn rate \(SLOFormatting.rate(longBurn))× over \(PrometheusDuration.format(pair.long)) and "
            + "\(SLOFormatting.rate(shortBurn))× over \(PrometheusDuration.format(pair.short)) "
            + "(threshold \(SLOFormatting.rate(threshold))×: \(SLOFormatting.percent(pair.budgetConsumed * 100))% of "
            + "the budget in \(PrometheusDuration.format(pair.long)))."
        if let remaining { text += " Budget left: \(SLOFormatting.percent(remaining * 100))%." }
        if let exhaustion { text += " Exhausted in \(SLOFormatting.duration(exhaustion)) at the current rate." }
        return text
    }
}
