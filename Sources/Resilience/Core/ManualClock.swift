import Synchronization

/// A clock whose time moves only when a test advances it. Sleepers wake, in deadline order, when ``advance(by:)``
/// or ``advance(to:)`` reaches their deadline; cancelling a sleeping task makes its `sleep` throw
/// `CancellationError`.
///
/// Every time-dependent strategy in this library is generic over `Clock`, so tests script time exactly:
/// ```swift
/// let clock = ManualClock()
/// let breaker = CircuitBreaker(configuration: .init(waitDurationInOpenState: .seconds(30)), clock: clock)
/// // … trip the breaker …
/// clock.advance(by: .seconds(30))
/// ```
///
/// To test code that sleeps, wait for the sleeper before advancing:
/// ```swift
/// async let value = retry.execute { try await flaky() }
/// await clock.waitForSleepers(count: 1)
/// clock.advance(by: .seconds(1))
/// ```
public final class ManualClock: Clock, Sendable {
    /// A point in manual time: the duration since the clock's zero.
    ///
    /// ```swift
    /// let start = ManualClock.Instant(offset: .seconds(10))
    /// ```
    public struct Instant: InstantProtocol, Hashable, Sendable, CustomStringConvertible {
        /// The duration since the manual clock's zero.
        ///
        /// ```swift
        /// let seconds = clock.now.offset
        /// ```
        public var offset: Duration

        /// Creates an instant at `offset` from the clock's zero.
        ///
        /// ```swift
        /// let zero = ManualClock.Instant(offset: .zero)
        /// ```
        @inlinable
        public init(offset: Duration) {
            self.offset = offset
        }

        /// The instant `duration` later.
        ///
        /// ```swift
        /// let later = clock.now.advanced(by: .seconds(1))
        /// ```
        @inlinable
        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: self.offset + duration)
        }

        /// The duration from this instant to `other`.
        ///
        /// ```swift
        /// let elapsed = start.duration(to: clock.now)
        /// ```
        @inlinable
        public func duration(to other: Instant) -> Duration {
            other.offset - self.offset
        }

        /// Orders instants by offset.
        ///
        /// ```swift
        /// assert(ManualClock.Instant(offset: .zero) < .init(offset: .seconds(1)))
        /// ```
        @inlinable
        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        /// The offset, e.g. `"+1.5 seconds"`.
        ///
        /// ```swift
        /// print(clock.now)
        /// ```
        public var description: String { "+\(self.offset)" }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>?
        var cancelled: Bool
    }

    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Instant
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var waiters: [Waiter] = []
        var totalSleeps = 0

        mutating func resumeWaiters() -> [CheckedContinuation<Void, Never>] {
            let registered = self.sleepers.count { $0.continuation != nil }
            let ready = self.waiters.filter { $0.count <= registered }
            self.waiters.removeAll { $0.count <= registered }
            return ready.map(\.continuation)
        }
    }

    private let state: Mutex<State>

    /// Creates a manual clock starting at `now` (the zero instant by default).
    ///
    /// ```swift
    /// let clock = ManualClock()
    /// ```
    public init(now: Instant = Instant(offset: .zero)) {
        self.state = Mutex(State(now: now))
    }

    /// The current manual time.
    ///
    /// ```swift
    /// let start = clock.now
    /// ```
    public var now: Instant {
        self.state.withLock { $0.now }
    }

    /// Zero: manual time has no granularity.
    ///
    /// ```swift
    /// assert(clock.minimumResolution == .zero)
    /// ```
    public var minimumResolution: Duration { .zero }

    /// The number of tasks currently sleeping on this clock.
    ///
    /// ```swift
    /// #expect(clock.sleeperCount == 1)
    /// ```
    public var sleeperCount: Int {
        self.state.withLock { $0.sleepers.count }
    }

    /// The number of `sleep` calls that had to wait (deadline in the future) since the clock was created.
    ///
    /// ```swift
    /// #expect(clock.totalSleeps == 2)  // two backoff waits
    /// ```
    public var totalSleeps: Int {
        self.state.withLock { $0.totalSleeps }
    }

    /// The deadlines of the current sleepers, earliest first.
    ///
    /// ```swift
    /// #expect(clock.sleeperDeadlines == [.init(offset: .milliseconds(100))])
    /// ```
    public var sleeperDeadlines: [Instant] {
        self.state.withLock { $0.sleepers.map(\.deadline).sorted() }
    }

    /// Suspends until manual time reaches `deadline`; returns at once when it already has. Throws
    /// `CancellationError` when the task is cancelled.
    ///
    /// ```swift
    /// try await clock.sleep(until: clock.now.advanced(by: .seconds(1)))
    /// ```
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id: UInt64? = self.state.withLock { state in
            guard deadline > state.now else { return nil }
            state.nextID += 1
            state.totalSleeps += 1
            state.sleepers.append(Sleeper(id: state.nextID, deadline: deadline, continuation: nil, cancelled: false))
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: (resume: Bool, cancelled: Bool, waiters: [CheckedContinuation<Void, Never>]) =
                    self.state.withLock { state in
                        guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                            return (true, false, [])  // already woken by advance
                        }
                        if state.sleepers[index].cancelled {
                            state.sleepers.remove(at: index)
                            return (true, true, [])
                        }
                        state.sleepers[index].continuation = continuation
                        return (false, false, state.resumeWaiters())
                    }
                for waiter in outcome.waiters { waiter.resume() }
                if outcome.resume {
                    if outcome.cancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, any Error>? = self.state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                guard let continuation = state.sleepers[index].continuation else {
                    state.sleepers[index].cancelled = true
                    return nil
                }
                state.sleepers.remove(at: index)
                return continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and wakes every sleeper whose deadline is reached, earliest first.
    ///
    /// ```swift
    /// clock.advance(by: .milliseconds(250))
    /// ```
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "ManualClock cannot move backwards")
        let target = self.now.advanced(by: duration)
        self.advance(to: target)
    }

    /// Moves time forward to `instant` (no-op when it is in the past) and wakes every sleeper whose deadline is
    /// reached, earliest first.
    ///
    /// ```swift
    /// clock.advance(to: .init(offset: .seconds(60)))
    /// ```
    public func advance(to instant: Instant) {
        let due: [CheckedContinuation<Void, any Error>] = self.state.withLock { state in
            if instant > state.now { state.now = instant }
            let now = state.now
            var due: [(deadline: Instant, id: UInt64, continuation: CheckedContinuation<Void, any Error>?)] = []
            // A due sleeper still registering (no continuation yet) is removed too: it then finds itself gone and
            // returns at once.
            state.sleepers.removeAll { sleeper in
                guard sleeper.deadline <= now, !sleeper.cancelled else { return false }
                due.append((sleeper.deadline, sleeper.id, sleeper.continuation))
                return true
            }
            due.sort { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            return due.compactMap(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Suspends until at least `count` tasks are sleeping on this clock (their continuations registered), so a
    /// test can advance time knowing the sleepers will wake.
    ///
    /// ```swift
    /// await clock.waitForSleepers(count: 2)
    /// clock.advance(by: .seconds(5))
    /// ```
    public func waitForSleepers(count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = self.state.withLock { state in
                let registered = state.sleepers.count { $0.continuation != nil }
                if registered >= count { return true }
                state.waiters.append(Waiter(count: count, continuation: continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
