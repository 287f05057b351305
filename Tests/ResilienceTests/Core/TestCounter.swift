import Synchronization

/// A shareable counter for tests that count from several tasks.
final class TestCounter: Sendable {
    private let value = Atomic<Int>(0)
    private let peakValue = Atomic<Int>(0)

    var count: Int { self.value.load(ordering: .sequentiallyConsistent) }
    var peak: Int { self.peakValue.load(ordering: .sequentiallyConsistent) }

    @discardableResult
    func increment() -> Int {
        let now = self.value.add(1, ordering: .sequentiallyConsistent).newValue
        self.peakValue.max(now, ordering: .sequentiallyConsistent)
        return now
    }

    func decrement() {
        self.value.subtract(1, ordering: .sequentiallyConsistent)
    }
}
