import Synchronization

/// A wall clock that moves only when told to. Sleepers wake when ``advance(by:)`` or ``advance(to:)`` passes their
/// deadline, in deadline order.
///
/// ```swift
/// let clock = ManualWallClock(now: WallInstant(secondsSinceEpoch: 1_700_000_000))
/// async let woke: Void = clock.sleep(for: .seconds(10))
/// await clock.advance(by: .seconds(10))
/// ```
public final class ManualWallClock: WallClock {
    private struct Sleeper {
        var id: UInt64
        var deadline: WallInstant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: WallInstant
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    public init(now: WallInstant = WallInstant(secondsSinceEpoch: 1_700_000_000)) {
        state = Mutex(State(now: now))
    }

    public var now: WallInstant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration`, waking every sleeper whose deadline is reached.
    public func advance(by duration: Duration) async {
        await advance(to: now.advanced(by: duration))
    }

    /// Moves time to `instant` (never backwards), waking sleepers in deadline order and yielding between them so
    /// woken tasks can run before the next wakes.
    public func advance(to instant: WallInstant) async {
        while true {
            // Checking for due sleepers and moving `now` to `instant` happen under one lock, so a task that starts
            // sleeping concurrently either is woken here or sees the new time and does not sleep.
            let next = state.withLock { state -> Sleeper? in
                guard
                    let index = state.sleepers.indices.min(by: {
                        state.sleepers[$0].deadline < state.sleepers[$1].deadline
                    }),
                    state.sleepers[index].deadline <= instant
                else {
                    if instant > state.now { state.now = instant }
                    return nil
                }
                let sleeper = state.sleepers.remove(at: index)
                if sleeper.deadline > state.now { state.now = sleeper.deadline }
                return sleeper
            }
            guard let next else { break }
            next.continuation.resume()
            for _ in 0..<8 { await Task.yield() }
        }
    }
}
