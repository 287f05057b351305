public import SteadyModel

/// Alertmanager's `Silencer` with its marker: answers which silences mute a label set, caching per fingerprint the
/// matching active and pending silence ids with the index version they were computed at. While no silence has
/// been written since, only those cached silences are re-checked (a pending one may have become active, an active
/// one may have expired); after any write the label set is matched again through the ``SilenceIndex``.
///
/// ```swift
/// var silencer = Silencer(SilenceIndex(storedSilences))
/// silencer.upsert(newSilence)
/// if silencer.mutes(alert.labels, at: now) { /* drop from the notification */ }
/// ```
public struct Silencer: Sendable {
    private struct Mark: Sendable {
        var version: Int
        var status: SilenceStatus
    }

    /// The silences.
    public private(set) var index: SilenceIndex
    private var marks: [AlertFingerprint: Mark] = [:]

    /// A silencer over `index`, with an empty cache.
    public init(_ index: SilenceIndex = SilenceIndex()) {
        self.index = index
    }

    /// Adds or replaces a silence.
    public mutating func upsert(_ silence: Silence) { index.upsert(silence) }

    /// Forgets a silence.
    @discardableResult
    public mutating func remove(id: String) -> Silence? { index.remove(id: id) }

    /// Forgets silences that ended before `cutoff`.
    @discardableResult
    public mutating func removeSilences(endedBefore cutoff: WallInstant) -> [String] {
        index.removeSilences(endedBefore: cutoff)
    }

    /// The silences applying to `labels` at `instant`, from the cache when no silence was written since. Pass the
    /// alert's `fingerprint` when it is at hand (computing it is half the cost of a cached answer).
    public mutating func status(
        of labels: Labels, fingerprint: AlertFingerprint? = nil, at instant: WallInstant
    ) -> SilenceStatus {
        let fingerprint = fingerprint ?? AlertFingerprint(labels)
        if let mark = marks[fingerprint], mark.version == index.version {
            let cached = mark.status
            if cached.activeIDs.isEmpty && cached.pendingIDs.isEmpty { return cached }
            // Usually nothing changed state since: answer without allocating.
            let unchanged =
                cached.activeIDs.allSatisfy { index.state(ofID: $0, at: instant) == .active }
                && cached.pendingIDs.allSatisfy { index.state(ofID: $0, at: instant) == .pending }
            if unchanged { return cached }
            let ids = cached.activeIDs + cached.pendingIDs
            let status = SilenceStatus(ids.compactMap { index[$0] }, at: instant)
            if status != cached { marks[fingerprint] = Mark(version: mark.version, status: status) }
            return status
        }
        let status = index.status(of: labels, at: instant)
        marks[fingerprint] = Mark(version: index.version, status: status)
        return status
    }

    /// Whether an active silence mutes `labels` at `instant` (Alertmanager's `Silencer.Mutes`).
    public mutating func mutes(_ labels: Labels, fingerprint: AlertFingerprint? = nil, at instant: WallInstant) -> Bool
    {
        status(of: labels, fingerprint: fingerprint, at: instant).isSilenced
    }

    /// The last status computed for `fingerprint`, if any (what Alertmanager's marker shows in the API).
    public func cachedStatus(of fingerprint: AlertFingerprint) -> SilenceStatus? { marks[fingerprint]?.status }

    /// Drops the cache entry of an alert that is gone.
    public mutating func forget(_ fingerprint: AlertFingerprint) { marks[fingerprint] = nil }

    /// How many fingerprints have a cache entry.
    public var cachedCount: Int { marks.count }
}
