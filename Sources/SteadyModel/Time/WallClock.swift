/// A `Clock` on wall time. Every engine that stamps or schedules work takes one, so tests can substitute
/// a ``ManualWallClock``.
public protocol WallClock: Clock, Sendable where Instant == WallInstant {}
