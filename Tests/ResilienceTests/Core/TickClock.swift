/// A clock whose instants are not a bare `Duration`, so strategies take the generic (boxed) path: `now` is always
/// tick 100 and one tick is one second.
struct TickClock: Clock {
    struct Instant: InstantProtocol {
        var ticks: Int64
        func advanced(by duration: Duration) -> Instant {
            Instant(ticks: self.ticks + duration.components.seconds)
        }
        func duration(to other: Instant) -> Duration { .seconds(other.ticks - self.ticks) }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.ticks < rhs.ticks }
    }
    var now: Instant { Instant(ticks: 100) }
    var minimumResolution: Duration { .seconds(1) }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}
