import Synchronization

/// Gives up after many yields so a broken test fails (on its next expectation) instead of hanging.
func yieldUntil(_ condition: () -> Bool) async {
    var spins = 0
    while !condition() && spins < 500_000 {
        spins += 1
        await Task.yield()
    }
}

/// A lock-protected value that escaping test closures can share.
final class AdaptiveBox<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { self.storage = Mutex(value) }

    var value: Value { self.storage.withLock { $0 } }

    func mutate<R: Sendable>(_ body: (inout Value) -> R) -> R { self.storage.withLock { body(&$0) } }
}
