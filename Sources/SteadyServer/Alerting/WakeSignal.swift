import SteadyModel
import Synchronization

/// Wakes a sleeping service loop early (e.g. the dispatcher when a new alert makes a group due now). Signals that
/// arrive while nobody waits are remembered (once).
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// Numbers the waits, so a late timeout or cancellation of one wait cannot end the next.
        var generation = 0
        /// The wait that timed out or was cancelled before it parked.
        var expired = 0
    }

    private let state = Mutex(State())

    init() {}

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after a signal, after `timeout` on `clock`, or on cancellation, whichever comes first.
    ///
    /// A signal resumes the waiter directly (one hop to the waiting task); the timeout is a separate task that is
    /// cancelled afterwards, off the waiter's path.
    func wait(atMost timeout: Duration, clock: any WallClock) async {
        let generation = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.generation += 1
            return state.generation
        }
        guard let generation else { return }
        let timer = Task {
            try? await clock.sleep(for: timeout)
            if !Task.isCancelled { self.release(generation) }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || state.expired == generation || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.release(generation)
        }
        timer.cancel()
    }

    /// Ends wait number `generation` (its timeout or its task's cancellation), also when it has not parked yet.
    private func release(_ generation: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.generation == generation else { return nil }
            guard let waiter = state.waiter else {
                state.expired = generation
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
