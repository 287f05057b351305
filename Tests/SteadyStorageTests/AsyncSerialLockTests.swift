import Synchronization
import Testing

@testable import SteadyStorage

@Suite("AsyncSerialLock")
struct AsyncSerialLockTests {
    private final class Occupancy: Sendable {
        private let state = Mutex((inside: 0, maximum: 0, entries: 0))

        func enter() {
            state.withLock {
                $0.inside += 1
                $0.entries += 1
                $0.maximum = max($0.maximum, $0.inside)
            }
        }

        func leave() { state.withLock { $0.inside -= 1 } }

        var maximum: Int { state.withLock { $0.maximum } }
        var entries: Int { state.withLock { $0.entries } }
    }

    @Test func oneHolderAtATime() async {
        let lock = AsyncSerialLock()
        let occupancy = Occupancy()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    await lock.lock()
                    occupancy.enter()
                    // Suspend while holding the lock, so other tasks get the chance to (wrongly) enter.
                    await Task.yield()
                    occupancy.leave()
                    lock.unlock()
                }
            }
        }
        #expect(occupancy.maximum == 1)
        #expect(occupancy.entries == 200)
    }
}
