public import SteadyModel

/// All silences by id, with an inverted index so the silences that can match a label set are found without
/// scanning every silence: a silence with an equality matcher on a non-empty value (`alertname="X"`) is filed under
/// that pair and only looked at for label sets carrying it; the rest are always looked at. ``version`` changes with
/// every write, like Alertmanager's `Silences.Version()`.
///
/// ```swift
/// var index = SilenceIndex(storedSilences)
/// index.upsert(silence)
/// index.status(of: alert.labels, at: now).activeIDs   // ids of the active silences muting the alert
/// ```
public struct SilenceIndex: Sendable {
    private struct Key: Hashable, Sendable {
        var name: String
        var value: String
    }

    private struct Window: Sendable {
        var startsAt: WallInstant
        var endsAt: WallInstant
    }

    private var byID: [String: Silence] = [:]
    /// Start and end by id, so state checks do not copy whole silences.
    private var windows: [String: Window] = [:]
    private var byPair: [String: [String: Set<String>]] = [:]
    private var keys: [String: Key] = [:]
    private var unindexed: Set<String> = []

    /// Increases with every ``upsert(_:)`` and effective ``remove(id:)``.
    public private(set) var version = 0

    /// An empty index.
    public init() {}

    /// An index holding `silences` (later duplicates of an id win).
    public init(_ silences: some Sequence<Silence>) {
        for silence in silences { upsert(silence) }
    }

    /// The number of stored silences (any state).
    public var count: Int { byID.count }

    /// Every stored silence, in no particular order.
    public var silences: [Silence] { Array(byID.values) }

    /// The silence with `id`.
    public subscript(id: String) -> Silence? { byID[id] }

    /// Adds or replaces the silence with `silence.id`.
    public mutating func upsert(_ silence: Silence) {
        removeFromIndex(id: silence.id)
        byID[silence.id] = silence
        windows[silence.id] = Window(startsAt: silence.startsAt, endsAt: silence.endsAt)
        if let matcher = silence.matchers.first(where: { $0.op == .equal && !$0.value.isEmpty }) {
            let key = Key(name: matcher.name, value: matcher.value)
            keys[silence.id] = key
            byPair[key.name, default: [:]][key.value, default: []].insert(silence.id)
        } else {
            unindexed.insert(silence.id)
        }
        version += 1
    }

    /// Forgets a silence (garbage collection); returns it.
    @discardableResult
    public mutating func remove(id: String) -> Silence? {
        guard let silence = byID.removeValue(forKey: id) else { return nil }
        windows[id] = nil
        removeFromIndex(id: id)
        version += 1
        return silence
    }

    /// Forgets silences that ended before `cutoff` (Alertmanager's GC after the retention); returns their ids.
    @discardableResult
    public mutating func removeSilences(endedBefore cutoff: WallInstant) -> [String] {
        let ids = byID.values.filter { $0.endsAt < cutoff }.map(\.id)
        for id in ids { remove(id: id) }
        return ids.sorted()
    }

    private mutating func removeFromIndex(id: String) {
        if let key = keys.removeValue(forKey: id) {
            byPair[key.name]?[key.value]?.remove(id)
            if byPair[key.name]?[key.value]?.isEmpty == true { byPair[key.name]?[key.value] = nil }
            if byPair[key.name]?.isEmpty == true { byPair[key.name] = nil }
        } else {
            unindexed.remove(id)
        }
    }

    /// The state of the silence with `id` at `instant` (``Silence/state(at:)``), or nil when there is none.
    public func state(ofID id: String, at instant: WallInstant) -> Silence.State? {
        guard let window = windows[id] else { return nil }
        if window.endsAt <= instant { return .expired }
        return instant < window.startsAt ? .pending : .active
    }

    /// Every silence (in any state) whose matchers all match `labels` (Alertmanager's `QMatches`), by id.
    public func matching(_ labels: Labels) -> [Silence] {
        var result: [Silence] = []
        func consider(_ id: String) {
            if let silence = byID[id], silence.matches(labels) { result.append(silence) }
        }
        for label in labels {
            if let ids = byPair[label.name]?[label.value] {
                for id in ids { consider(id) }
            }
        }
        for id in unindexed { consider(id) }
        return result.sorted { $0.id < $1.id }
    }

    /// The active and pending silences matching `labels` at `instant`, uncached.
    public func status(of labels: Labels, at instant: WallInstant) -> SilenceStatus {
        SilenceStatus(matching(labels), at: instant)
    }
}

/// Which silences apply to an alert at some instant (Alertmanager's marker entry): ids sorted.
public struct SilenceStatus: Sendable, Equatable {
    /// Active silences muting the alert (`silencedBy` in the API).
    public var activeIDs: [String]
    /// Matching silences that have not started yet.
    public var pendingIDs: [String]

    /// A status with these ids (sorted by the caller).
    public init(activeIDs: [String] = [], pendingIDs: [String] = []) {
        self.activeIDs = activeIDs
        self.pendingIDs = pendingIDs
    }

    init(_ silences: some Sequence<Silence>, at instant: WallInstant) {
        var active: [String] = []
        var pending: [String] = []
        for silence in silences {
            switch silence.state(at: instant) {
            case .active: active.append(silence.id)
            case .pending: pending.append(silence.id)
            case .expired: break
            }
        }
        self.init(activeIDs: active.sorted(), pendingIDs: pending.sorted())
    }

    /// Whether an active silence mutes the alert.
    public var isSilenced: Bool { !activeIDs.isEmpty }
}
