import Synchronization

/// The port a server bound, available to waiters once known (or nil if the server stopped before binding).
final class BoundPort: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Int?, Never>])
        case resolved(Int?)
    }

    private let state = Mutex(State.waiting([]))

    func resolve(_ port: Int?) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int?, Never>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .resolved(port)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func wait() async -> Int? {
        await withCheckedContinuation { continuation in
            let resolved = state.withLock { state -> Int?? in
                switch state {
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return .none
                case .resolved(let port):
                    return .some(port)
                }
            }
            if let resolved { continuation.resume(returning: resolved) }
        }
    }
}
