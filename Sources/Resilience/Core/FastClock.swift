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

    /// `clock.now`. On Linux the continuous and suspending clocks are read with one `clock_gettime` of the clock
    /// the Swift runtime itself uses for them (`CLOCK_BOOTTIME`, `CLOCK_MONOTONIC`; a vDSO call), which skips the
    /// runtime's `swift_get_time` and its checked `Duration` construction; the value is the same instant, on the
    /// same epoch. Elsewhere their static `now` is called directly.
    @inlinable @inline(__always)
    static func now<C: Clock>(_ clock: C) -> C.Instant {
        if C.self == ContinuousClock.self || C.self == SuspendingClock.self {
            return unsafeBitCast(Self.nowValue(clock), to: C.Instant.self)
        }
        return clock.now
    }

    /// `clock.now` as the instant's `Duration` value; only for duration-backed instants. Async code keeps this
    /// (a frozen type) rather than the instant (a resilient type for the standard clocks, so an opaque value that
    /// an async frame allocates and copies through value witnesses).
    @inlinable @inline(__always)
    static func nowValue<C: Clock>(_ clock: C) -> Duration {
        if C.self == ContinuousClock.self { return SystemClock.continuousNow() }
        if C.self == SuspendingClock.self { return SystemClock.suspendingNow() }
        return unsafeBitCast(clock.now, to: Duration.self)
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

extension FastClock {
    /// An identity for `clock` under which a reading of it may be shared by the strategies of one pipeline call:
    /// the type for the stateless continuous and suspending clocks, the instance for a ``ManualClock``; `nil` (never
    /// shared) for any other clock.
    @inlinable @inline(__always)
    static func identity<C: Clock>(of clock: C) -> ObjectIdentifier? {
        if C.self == ContinuousClock.self || C.self == SuspendingClock.self { return ObjectIdentifier(C.self) }
        if C.self == ManualClock.self {
            return ObjectIdentifier(unsafeDowncast(clock as AnyObject, to: ManualClock.self))
        }
        return nil
    }
}
