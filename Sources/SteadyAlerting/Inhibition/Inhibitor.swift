public import SteadyModel

/// Alertmanager's inhibitor (inhibit/inhibit.go), incremental and indexed.
///
/// Every alert the pipeline receives is passed to ``observe(_:)``; for each rule whose source matchers it matches it
/// is remembered (replacing the previous version with the same fingerprint) in a bucket keyed by its values of the
/// rule's `equal` labels. A label set is inhibited at `t` when, for some rule, it matches the target matchers and the
/// bucket holding its own `equal` values contains a source alert that is not resolved at `t`. When the label set
/// matches the source matchers too, source alerts that also match the target matchers do not count, so an alert
/// never inhibits itself (`hasEqual` with `excludeTwoSidedMatch`). A label missing on both sides counts as equal.
///
/// Lookups cost one hash lookup per rule whose target matchers match: each bucket keeps its latest-ending source
/// alert, overall and among one-sided alerts.
///
/// ```swift
/// var inhibitor = Inhibitor(rules: configuration.inhibitRules)
/// inhibitor.observe(jobDown)
/// inhibitor.inhibitingAlert(for: instanceDown.labels, at: now)   // jobDown.fingerprint
/// ```
public struct Inhibitor: Sendable {
    private var rules: [RuleState]

    /// An inhibitor for `rules` that has seen no alerts yet: after a configuration reload, build a new one and
    /// ``observe(_:)`` every stored alert.
    public init(rules: [InhibitRule]) {
        self.rules = rules.map(RuleState.init)
    }

    /// The configured rules, in order.
    public var inhibitRules: [InhibitRule] { rules.map(\.rule) }

    /// Records a received (or updated, or resolved) alert (Alertmanager's subscription loop).
    public mutating func observe(_ alert: Alert) {
        for index in rules.indices where rules[index].matchesSource(alert.labels) {
            rules[index].set(alert)
        }
    }

    /// Forgets an alert that is gone from the store.
    public mutating func remove(_ fingerprint: AlertFingerprint) {
        for index in rules.indices { rules[index].remove(fingerprint) }
    }

    /// Forgets source alerts resolved at `instant` (the source caches' garbage collection).
    public mutating func removeResolved(at instant: WallInstant) {
        for index in rules.indices { rules[index].removeResolved(at: instant) }
    }

    /// The fingerprint of a source alert inhibiting `labels` at `instant` (first rule in order; within it the source
    /// alert ending last, then the lowest fingerprint), or nil when nothing inhibits it.
    public func inhibitingAlert(for labels: Labels, at instant: WallInstant) -> AlertFingerprint? {
        for rule in rules {
            if let source = rule.inhibitor(of: labels, at: instant) { return source }
        }
        return nil
    }

    /// Whether `labels` is inhibited at `instant` (Alertmanager's `Inhibitor.Mutes`).
    public func isInhibited(_ labels: Labels, at instant: WallInstant) -> Bool {
        inhibitingAlert(for: labels, at: instant) != nil
    }

    /// How many source alerts are remembered, over all rules.
    public var sourceCount: Int { rules.reduce(0) { $0 + $1.count } }
}

/// One rule's source alerts, bucketed by their `equal` label values.
private struct RuleState: Sendable {
    struct Entry: Sendable {
        var endsAt: WallInstant
        /// Matches the rule's target matchers too (does not count against two-sided targets).
        var twoSided: Bool
    }

    struct Best: Sendable, Equatable {
        var endsAt: WallInstant
        var fingerprint: AlertFingerprint

        func beats(_ other: Best?) -> Bool {
            guard let other else { return true }
            if endsAt != other.endsAt { return endsAt > other.endsAt }
            return fingerprint.value < other.fingerprint.value
        }
    }

    struct Bucket: Sendable {
        var entries: [AlertFingerprint: Entry] = [:]
        var bestAll: Best?
        var bestOneSided: Best?

        mutating func set(_ fingerprint: AlertFingerprint, _ entry: Entry) {
            let previous = entries.updateValue(entry, forKey: fingerprint)
            let candidate = Best(endsAt: entry.endsAt, fingerprint: fingerprint)
            if previous != nil && (bestAll?.fingerprint == fingerprint || bestOneSided?.fingerprint == fingerprint) {
                recompute()
                return
            }
            if candidate.beats(bestAll) { bestAll = candidate }
            if !entry.twoSided && candidate.beats(bestOneSided) { bestOneSided = candidate }
        }

        mutating func remove(_ fingerprint: AlertFingerprint) {
            guard entries.removeValue(forKey: fingerprint) != nil else { return }
            if bestAll?.fingerprint == fingerprint || bestOneSided?.fingerprint == fingerprint { recompute() }
        }

        mutating func recompute() {
            bestAll = nil
            bestOneSided = nil
            for (fingerprint, entry) in entries {
                let candidate = Best(endsAt: entry.endsAt, fingerprint: fingerprint)
                if candidate.beats(bestAll) { bestAll = candidate }
                if !entry.twoSided && candidate.beats(bestOneSided) { bestOneSided = candidate }
            }
        }
    }

    let rule: InhibitRule
    private var buckets: [[String]: Bucket] = [:]
    private var keys: [AlertFingerprint: [String]] = [:]

    init(_ rule: InhibitRule) {
        self.rule = rule
    }

    var count: Int { keys.count }

    func matchesSource(_ labels: Labels) -> Bool {
        rule.sourceMatchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    func matchesTarget(_ labels: Labels) -> Bool {
        rule.targetMatchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    func key(_ labels: Labels) -> [String] { rule.equal.map { labels[$0] ?? "" } }

    mutating func set(_ alert: Alert) {
        let fingerprint = alert.fingerprint
        let key = key(alert.labels)
        if let old = keys[fingerprint], old != key { remove(fingerprint) }
        keys[fingerprint] = key
        buckets[key, default: Bucket()].set(
            fingerprint, Entry(endsAt: alert.endsAt, twoSided: matchesTarget(alert.labels)))
    }

    mutating func remove(_ fingerprint: AlertFingerprint) {
        guard let key = keys.removeValue(forKey: fingerprint) else { return }
        buckets[key]?.remove(fingerprint)
        if buckets[key]?.entries.isEmpty == true { buckets[key] = nil }
    }

    mutating func removeResolved(at instant: WallInstant) {
        var gone: [AlertFingerprint] = []
        for bucket in buckets.values {
            for (fingerprint, entry) in bucket.entries where entry.endsAt <= instant { gone.append(fingerprint) }
        }
        for fingerprint in gone { remove(fingerprint) }
    }

    func inhibitor(of labels: Labels, at instant: WallInstant) -> AlertFingerprint? {
        guard matchesTarget(labels), let bucket = buckets[key(labels)] else { return nil }
        let best = matchesSource(labels) ? bucket.bestOneSided : bucket.bestAll
        guard let best, best.endsAt > instant else { return nil }
        return best.fingerprint
    }
}
