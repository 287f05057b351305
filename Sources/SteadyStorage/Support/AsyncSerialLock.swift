import Synchronization

/// A FIFO mutual-exclusion lock for async code: at most one holder at a time, waiters resumed in arrival order.
///
/// Waiting is not cancellable; ``SQLStore`` only waits inside tasks that are never cancelled.
final class AsyncSerialLock: Sendable {
    private struct State {
        var isLocked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state = Mutex(State())

    init() {}

    func lock() async {
        let acquired = state.withLock { state in
            if state.isLocked { return false }
            state.isLocked = true
            return true
        }
        if acquired { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquiredNow = state.withLock { state in
                if !state.isLocked {
                    state.isLocked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquiredNow { continuation.resume() }
        }
    }

    /// Hands the lock to the next waiter, if any (it stays locked), or releases it.
    func unlock() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            precondition(state.isLocked, "unlock() of an unlocked AsyncSerialLock")
            guard state.head < state.waiters.count else {
                state.isLocked = false
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
                return nil
            }
            let next = state.waiters[state.head]
            state.head += 1
            if state.head == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
            } else if state.head >= 64 && state.head * 2 >= state.waiters.count {
                // Under constant contention the queue never drains; drop the consumed prefix now and then.
                state.waiters.removeFirst(state.head)
                state.head = 0
            }
            return next
        }
        next?.resume()
    }
}
