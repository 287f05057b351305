public import SteadyModel

/// Every configured SLO's evaluator. Pure and synchronous: the server's SLO runtime feeds it buckets, loads period
/// edges from storage, calls ``evaluate(at:only:)`` on every new bucket and performs the actions; statuses are
/// built on demand with ``statuses(at:)``.
///
/// ```swift
/// var engine = SLOEngine(slos: config.slos)
/// engine.record(SLIBucket(slo: "checkout/availability", minute: t, good: 999, total: 1000))
/// for (slo, action) in engine.evaluate(at: t).actions { … }
/// let statuses = engine.statuses(at: t)
/// ```
public struct SLOEngine: Sendable {
    private var evaluators: [SLOEvaluator] = []
    private var index: [String: Int] = [:]

    public init(slos: [SLOSpec] = []) { apply(slos: slos) }

    /// The SLOs evaluated, in configuration order.
    public var slos: [SLOSpec] { evaluators.map(\.spec) }

    /// Replaces the SLO set. An SLO whose SLI, period, budgeting and alerting are unchanged keeps its history and
    /// alert state; a changed one starts over (and reloads its history from storage).
    /// - Returns: ids of SLOs that need their history loaded.
    @discardableResult
    public mutating func apply(slos: [SLOSpec]) -> [String] {
        var next: [SLOEvaluator] = []
        var fresh: [String] = []
        next.reserveCapacity(slos.count)
        for slo in slos {
            if let position = index[slo.id], evaluators[position].canKeepHistory(for: slo) {
                var existing = evaluators[position]
                existing.update(spec: slo)
                next.append(existing)
            } else {
                next.append(SLOEvaluator(spec: slo))
                fresh.append(slo.id)
            }
        }
        evaluators = next
        index = Dictionary(next.enumerated().map { ($1.spec.id, $0) }, uniquingKeysWith: { first, _ in first })
        return fresh
    }

    public func evaluator(_ id: String) -> SLOEvaluator? { index[id].map { evaluators[$0] } }

    /// Adds a bucket to its SLO (ignored for unknown SLOs).
    public mutating func record(_ bucket: SLIBucket) {
        guard let position = index[bucket.slo] else { return }
        evaluators[position].record(minute: bucket.minute, good: bucket.good, total: bucket.total)
    }

    /// Sets the problems an SLO's SLI source reported (replacing earlier ones).
    public mutating func setSourceProblems(_ problems: [String], for slo: String) {
        guard let position = index[slo] else { return }
        evaluators[position].sourceProblems = problems
    }

    /// Restores an SLO's firing alerts after a restart.
    public mutating func restoreAlerts(_ alerts: [SLOAlert], for slo: String) {
        guard let position = index[slo] else { return }
        evaluators[position].restoreAlerts(alerts)
    }

    /// Hours whose stored buckets must be loaded before evaluating at `now`, per SLO.
    public func neededEdges(at now: WallInstant) -> [(slo: String, hourStart: WallInstant)] {
        evaluators.compactMap { evaluator in evaluator.neededEdge(at: now).map { (evaluator.spec.id, $0) } }
    }

    public mutating func setEdge(slo: String, hourStart: WallInstant, buckets: [SLIBucket]) {
        guard let position = index[slo] else { return }
        evaluators[position].setEdge(hourStart: hourStart, buckets: buckets)
    }

    /// Evaluates the alerts of every SLO (or only those in `only`) at `now`.
    public mutating func evaluate(at now: WallInstant, only: Set<String>? = nil) -> SLOEvaluation {
        var evaluation = SLOEvaluation(at: now)
        for position in evaluators.indices {
            if let only, !only.contains(evaluators[position].spec.id) { continue }
            for action in evaluators[position].evaluate(at: now) {
                evaluation.actions.append((evaluators[position].spec.id, action))
            }
        }
        return evaluation
    }

    /// Every SLO's full status at `now`, in configuration order.
    public func statuses(at now: WallInstant) -> [SLOStatus] { evaluators.map { $0.status(at: now) } }

    /// One SLO's full status at `now`.
    public func status(of id: String, at now: WallInstant) -> SLOStatus? {
        index[id].map { evaluators[$0].status(at: now) }
    }
}

/// The alert transitions of one evaluation tick.
public struct SLOEvaluation: Sendable {
    public var at: WallInstant
    public var actions: [(slo: String, action: SLOAlertAction)] = []

    public init(at: WallInstant) { self.at = at }
}
