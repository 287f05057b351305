public import SteadyModel

/// Alertmanager 0.25's silence writes as pure functions: `POST /api/v2/silences` (`postSilencesHandler` and
/// `Silences.Set`/`canUpdate`) and `DELETE /api/v2/silence/{id}` (`Silences.Expire`). The caller persists the
/// returned silences in order.
///
/// ```swift
/// let write = try SilenceEditor.set(posted, existing: posted.id.flatMap { store[$0] }, now: now,
///                                   newID: { UUID.randomLowercased() })
/// for silence in write.writes { try await store.save(silence) }
/// return write.id
/// ```
public enum SilenceEditor {
    /// What a `POST` stores: the id to answer with and the silences to save, in order (an expired predecessor
    /// first when the update could not be made in place).
    public struct Write: Sendable, Equatable {
        /// The id to answer with (`{"silenceID": id}`).
        public var id: String
        /// The silences to store, in order.
        public var writes: [Silence]

        /// A write answering `id` that stores `writes`.
        public init(id: String, writes: [Silence]) {
            self.id = id
            self.writes = writes
        }
    }

    /// Creates or updates a silence.
    ///
    /// - `existing` is the stored silence with `posted.id` (nil when there is none or no id was posted); a posted
    ///   id that is not stored fails with ``SilenceError/notFound``.
    /// - Alertmanager's order: the handler's time checks, the id lookup, then `validateSilence`.
    /// - An update keeps the id when ``canUpdate(_:to:now:)`` allows it (same matchers; an active silence keeps its
    ///   start second and does not end in the past; a pending one does not start in the past). Otherwise a silence
    ///   that is not yet expired is expired now, and a new silence with a new id starts no earlier than `now`.
    ///
    /// Steady validates the matchers before expiring a predecessor; Alertmanager 0.25 expires it first and then
    /// rejects an invalid replacement.
    public static func set(
        _ posted: PostableSilence, existing: Silence?, now: WallInstant, newID: () -> String
    ) throws(SilenceError) -> Write {
        try SilenceValidator.checkTimes(startsAt: posted.startsAt, endsAt: posted.endsAt, now: now)
        if posted.id != nil && existing == nil { throw .notFound }
        try SilenceValidator.validateMatchers(posted.matchers)
        var writes: [Silence] = []
        if let existing {
            if canUpdate(existing, to: posted, now: now) {
                let updated = Silence(
                    id: existing.id, matchers: posted.matchers, startsAt: posted.startsAt, endsAt: posted.endsAt,
                    updatedAt: now, createdBy: posted.createdBy, comment: posted.comment)
                return Write(id: existing.id, writes: [updated])
            }
            if let expired = expire(existing, now: now) { writes.append(expired) }
        }
        let created = Silence(
            id: newID(), matchers: posted.matchers, startsAt: max(posted.startsAt, now), endsAt: posted.endsAt,
            updatedAt: now, createdBy: posted.createdBy, comment: posted.comment)
        if created.endsAt < created.startsAt { throw .invalid("end time must not be before start time") }
        writes.append(created)
        return Write(id: created.id, writes: writes)
    }

    /// Alertmanager's `canUpdate`: whether `existing` can take the posted values in place without rewriting
    /// history. Matchers must be identical (same order); an active silence must keep its start (to the second)
    /// and not end before `now`; a pending one must not start before `now`; an expired one never can.
    public static func canUpdate(_ existing: Silence, to posted: PostableSilence, now: WallInstant) -> Bool {
        guard existing.matchers == posted.matchers else { return false }
        switch existing.state(at: now) {
        case .active:
            return wholeSeconds(existing.startsAt) == wholeSeconds(posted.startsAt) && posted.endsAt >= now
        case .pending:
            return posted.startsAt >= now
        case .expired:
            return false
        }
    }

    /// `DELETE /api/v2/silence/{id}`: `existing` is the stored silence with that id (nil fails with
    /// ``SilenceError/notFound``, which Alertmanager answers with 500). Returns the silence to store, ended at
    /// `now` (a pending one also starts at `now`), or nil when it has already expired: Alertmanager 0.25 treats
    /// that as success and changes nothing.
    public static func expire(id: String, existing: Silence?, now: WallInstant) throws(SilenceError) -> Silence? {
        guard let existing, existing.id == id else { throw .notFound }
        return expire(existing, now: now)
    }

    static func expire(_ silence: Silence, now: WallInstant) -> Silence? {
        var expired = silence
        switch silence.state(at: now) {
        case .expired: return nil
        case .active: expired.endsAt = now
        case .pending:
            expired.startsAt = now
            expired.endsAt = now
        }
        expired.updatedAt = now
        return expired
    }

    /// Go's `Time.Unix()`: seconds since the epoch, rounded down.
    private static func wholeSeconds(_ instant: WallInstant) -> Int64 {
        let nanos = instant.nanosecondsSinceEpoch
        let seconds = nanos / 1_000_000_000
        return nanos % 1_000_000_000 < 0 ? seconds - 1 : seconds
    }
}
