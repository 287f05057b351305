import Synchronization

/// The handle of one probe's run loop: ``stop()`` ends it, and it counts the runs that have recorded an outcome but
/// not yet posted their alert changes, so that a replacement can wait for them (``idle()``) before it resolves the
/// probe's alerts: a `fire` posted after its `resolve` would leave the alert firing for good.
final class ProbeLoop: Sendable {
    private struct State {
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
        var posting = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var isStopped: Bool { state.withLock { $0.stopped } }

    func stop() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.stopped else { return [] }
            state.stopped = true
            defer { state.stopWaiters = [] }
            return state.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when stopped, or when the task is cancelled.
    func waitUntilStopped() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.stopped || Task.isCancelled { return true }
                    state.stopWaiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                defer { state.stopWaiters = [] }
                return state.stopWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// A run recorded its outcome and is about to post it. Called under the service's lock, together with the check
    /// that this loop is still the probe's current one.
    func beginPosting() { state.withLock { $0.posting += 1 } }

    func endPosting() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.posting -= 1
            guard state.posting == 0 else { return [] }
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no run of this loop is between recording an outcome and posting it.
    func idle() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.posting == 0 { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
