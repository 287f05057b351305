import Synchronization

/// Whether the outbox items of a flush were committed: opened once by the flush, awaited by the outbox before it
/// stores the outcome of an attempt it started early.
///
/// The first attempt of a fresh notification starts as soon as the flush has built it, while the flush's transaction
/// is still running; the outbox saves the attempt's result only after that transaction, so the stored row never goes
/// back from delivered to pending. If the transaction fails the item does not exist: its result is not saved and the
/// group flushes again at its next interval (at least once, never lost).
final class CommitGate: Sendable {
    private enum State {
        case pending([CheckedContinuation<Bool, Never>])
        case opened(Bool)
    }

    private let state: Mutex<State>

    init() { state = Mutex(.pending([])) }

    private init(opened committed: Bool) { state = Mutex(.opened(committed)) }

    /// A gate for items that are already in the store.
    static let committed = CommitGate(opened: true)

    /// Records the outcome of the transaction and wakes every waiter; later calls change nothing.
    func open(committed: Bool) {
        let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            guard case .pending(let waiters) = state else { return [] }
            state = .opened(committed)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: committed) }
    }

    /// Waits until the transaction ended; true if it committed.
    func wait() async -> Bool {
        if case .opened(let committed) = state.withLock({ $0 }) { return committed }
        return await withCheckedContinuation { continuation in
            let committed: Bool? = state.withLock { state in
                switch state {
                case .opened(let committed):
                    return committed
                case .pending(var waiters):
                    waiters.append(continuation)
                    state = .pending(waiters)
                    return nil
                }
            }
            if let committed { continuation.resume(returning: committed) }
        }
    }
}
