public import SteadyModel

/// Every configured SLO's evaluator, keyed by SLO id. Pure and synchronous: the server's SLO service feeds it
/// buckets, loads period edges from storage, calls ``evaluate(at:)`` on every new bucket and performs the actions.
///
/// ```swift
/// var engine = SLOEngine(slos: config.slos)
/// engine.record(SLIBucket(slo: "checkout/availability", minute: t, good: 999, total: 1000))
/// let evaluation = engine.evaluate(at: t)
/// for (slo, action) in evaluation.actions { … }
/// ```
public struct SLOEngine: Sendable {
    private var evaluators: [String: SLOEvaluator] = [:]
    private var order: [String] = []

    public init(slos: [SLOSpec] = []) { apply(slos: slos) }

    /// The SLOs evaluated, in configuration order.
    public var slos: [SLOSpec] { order.compactMap { evaluators[$0]?.spec } }

    /// Replaces the SLO set. An SLO whose SLI, period, budgeting and alerting are unchanged keeps its history and
    /// alert state; a changed one starts over (and reloads its history from storage).
    /// - Returns: ids of SLOs that need their history loaded.
    @discardableResult
    public mutating func apply(slos: [SLOSpec]) -> [String] {
        var next: [String: SLOEvaluator] = [:]
        var fresh: [String] = []
        for slo in slos {
            if var existing = evaluators[slo.id], existing.canKeepHistory(for: slo) {
                existing.update(spec: slo)
                next[slo.id] = existing
            } else {
                next[slo.id] = SLOEvaluator(spec: slo)
                fresh.append(slo.id)
            }
        }
        evaluators = next
        order = slos.map(\.id)
        return fresh
    }

    public func evaluator(_ id: String) -> SLOEvaluator? { evaluators[id] }

    /// Adds a bucket to its SLO (ignored for unknown SLOs).
    public mutating func record(_ bucket: SLIBucket) {
        evaluators[bucket.slo]?.record(minute: bucket.minute, good: bucket.good, total: bucket.total)
    }

    /// Sets the problems an SLO's SLI source reported (replacing earlier ones).
    public mutating func setSourceProblems(_ problems: [String], for slo: String) {
        evaluators[slo]?.sourceProblems = problems
    }

    /// Restores an SLO's firing alerts after a restart.
    public mutating func restoreAlerts(_ alerts: [SLOAlert], for slo: String) {
        evaluators[slo]?.restoreAlerts(alerts)
    }

    /// Hours whose stored buckets must be loaded before evaluating at `now`, per SLO.
    public func neededEdges(at now: WallInstant) -> [(slo: String, hourStart: WallInstant)] {
        order.compactMap { id in evaluators[id]?.neededEdge(at: now).map { (id, $0) } }
    }

    public mutating func setEdge(slo: String, hourStart: WallInstant, buckets: [SLIBucket]) {
        evaluators[slo]?.setEdge(hourStart: hourStart, buckets: buckets)
    }

    /// Evaluates every SLO (or only those in `only`) at `now`.
    public mutating func evaluate(at now: WallInstant, only: Set<String>? = nil) -> SLOEvaluation {
        var evaluation = SLOEvaluation(at: now)
        evaluation.statuses.reserveCapacity(only?.count ?? order.count)
        for id in order where only?.contains(id) ?? true {
            guard let (status, actions) = evaluators[id]?.evaluate(at: now) else { continue }
            evaluation.statuses.append(status)
            for action in actions { evaluation.actions.append((id, action)) }
        }
        return evaluation
    }
}

/// The result of one evaluation tick.
public struct SLOEvaluation: Sendable {
    public var at: WallInstant
    public var statuses: [SLOStatus] = []
    public var actions: [(slo: String, action: SLOAlertAction)] = []

    public init(at: WallInstant) { self.at = at }
}
