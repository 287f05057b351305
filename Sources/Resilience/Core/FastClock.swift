/// Hot-path clock reads and instant arithmetic, specialised for the clocks whose instants are a bare `Duration`
/// (`ContinuousClock`, `SuspendingClock`, ``ManualClock``).
///
/// Generic code that calls `clock.now`, `duration(to:)`, `advanced(by:)` or `<` goes through the standard library's
/// protocol witnesses and its non-inlinable `Duration` operators (≈ 5–10 ns each, more than the work itself). For
/// those three instant types the same values are computed inline on `Duration.attoseconds` (the layout the standard
/// library itself relies on in `ContinuousClock.systemEpoch`); every other clock takes the generic path. Results
/// are identical either way: this is purely a cost optimisation.
@usableFromInline
enum FastClock {
    /// Whether `I` is an instant stored as a single `Duration`.
    @inlinable @inline(__always)
    static func isDurationBacked<I: InstantProtocol>(_: I.Type) -> Bool {
        I.self == ContinuousClock.Instant.self || I.self == SuspendingClock.Instant.self
            || I.self == ManualClock.Instant.self
    }

    /// The instant's value in attoseconds; only for duration-backed instants.
    @inlinable @inline(__always)
    static func attoseconds<I: InstantProtocol>(_ instant: I) -> Int128 {
        unsafeBitCast(instant, to: Duration.self).attoseconds
    }

    /// The duration-backed instant `attoseconds` from its clock's zero.
    @inlinable @inline(__always)
    static func instant<I: InstantProtocol>(attoseconds: Int128, as _: I.Type) -> I {
        unsafeBitCast(Duration(attoseconds: attoseconds), to: I.self)
    }

    /// `clock.now`, calling the continuous and suspending clocks' static `now` directly.
    @inlinable @inline(__always)
    static func now<C: Clock>(_ clock: C) -> C.Instant {
        if C.self == ContinuousClock.self { return unsafeBitCast(ContinuousClock.now, to: C.Instant.self) }
        if C.self == SuspendingClock.self { return unsafeBitCast(SuspendingClock.now, to: C.Instant.self) }
        return clock.now
    }

    /// `start.duration(to: end)`.
    @inlinable @inline(__always)
    static func elapsed<I: InstantProtocol>(from start: I, to end: I) -> Duration where I.Duration == Duration {
        if Self.isDurationBacked(I.self) {
            return Duration(attoseconds: Self.attoseconds(end) - Self.attoseconds(start))
        }
        return start.duration(to: end)
    }

    /// `instant.advanced(by: duration)`.
    @inlinable @inline(__always)
    static func advance<I: InstantProtocol>(_ instant: I, by duration: Duration) -> I where I.Duration == Duration {
        if Self.isDurationBacked(I.self) {
            return Self.instant(attoseconds: Self.attoseconds(instant) + duration.attoseconds, as: I.self)
        }
        return instant.advanced(by: duration)
    }

    /// `lhs < rhs`.
    @inlinable @inline(__always)
    static func isBefore<I: InstantProtocol>(_ lhs: I, _ rhs: I) -> Bool {
        if Self.isDurationBacked(I.self) { return Self.attoseconds(lhs) < Self.attoseconds(rhs) }
        return lhs < rhs
    }

    /// `lhs > rhs` for durations, inline.
    @inlinable @inline(__always)
    static func exceeds(_ lhs: Duration, _ rhs: Duration) -> Bool {
        lhs.attoseconds > rhs.attoseconds
    }
}
