import SteadyModel
import Synchronization
import Testing

@testable import SteadyServer

/// The manual clock never moves unless a test advances it, so a wait that ends without an advance ended because of
/// its signal (or cancellation), and one that has not ended after many yields is still parked.
@Suite("Wake signal", .timeLimit(.minutes(1)))
struct WakeSignalTests {
    final class Flag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }

    /// Starts a wait in a task; `finished` turns true when it returns.
    static func start(
        _ signal: WakeSignal, atMost timeout: Duration, clock: ManualWallClock, finished: Flag
    ) -> Task<Void, Never> {
        Task {
            await signal.wait(atMost: timeout, clock: clock)
            finished.set()
        }
    }

    static func settle() async {
        for _ in 0..<200 { await Task.yield() }
    }

    @Test func aSignalWakesTheWaiterBeforeItsTimeout() async {
        let clock = ManualWallClock()
        let signal = WakeSignal()
        let finished = Flag()
        let waiter = Self.start(signal, atMost: .seconds(60), clock: clock, finished: finished)
        while clock.sleeperCount == 0 { await Task.yield() }
        await Self.settle()
        #expect(!finished.isSet)
        signal.signal()
        await waiter.value
        #expect(finished.isSet)
    }

    @Test func theTimeoutEndsTheWaitWithoutASignal() async {
        let clock = ManualWallClock()
        let signal = WakeSignal()
        let finished = Flag()
        let waiter = Self.start(signal, atMost: .seconds(5), clock: clock, finished: finished)
        while clock.sleeperCount == 0 { await Task.yield() }
        await clock.advance(by: .seconds(4))
        await Self.settle()
        #expect(!finished.isSet)
        await clock.advance(by: .seconds(1))
        await waiter.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func aSignalWithNobodyWaitingIsRememberedOnce() async {
        let clock = ManualWallClock()
        let signal = WakeSignal()
        signal.signal()
        signal.signal()
        // Returns at once: the clock never moves.
        await signal.wait(atMost: .seconds(60), clock: clock)
        // The second signal was not kept: this wait parks until its timeout.
        let finished = Flag()
        let second = Self.start(signal, atMost: .seconds(1), clock: clock, finished: finished)
        while clock.sleeperCount == 0 { await Task.yield() }
        await Self.settle()
        #expect(!finished.isSet)
        await clock.advance(by: .seconds(1))
        await second.value
    }

    @Test func cancellingTheWaiterEndsTheWait() async {
        let clock = ManualWallClock()
        let signal = WakeSignal()
        let finished = Flag()
        let waiter = Self.start(signal, atMost: .seconds(60), clock: clock, finished: finished)
        while clock.sleeperCount == 0 { await Task.yield() }
        waiter.cancel()
        await waiter.value
        #expect(finished.isSet)
        // A later signal is kept for the next wait rather than lost to the cancelled one.
        signal.signal()
        await signal.wait(atMost: .seconds(60), clock: clock)
    }

    @Test func aLateTimeoutOfOneWaitDoesNotEndTheNext() async {
        let clock = ManualWallClock()
        let signal = WakeSignal()
        let firstDone = Flag()
        let first = Self.start(signal, atMost: .seconds(1), clock: clock, finished: firstDone)
        while clock.sleeperCount == 0 { await Task.yield() }
        signal.signal()
        await first.value
        // The first wait's timeout would fire at +1 s; the second wait's at +30 s.
        let secondDone = Flag()
        let second = Self.start(signal, atMost: .seconds(30), clock: clock, finished: secondDone)
        await Self.settle()
        await clock.advance(by: .seconds(1))
        await Self.settle()
        #expect(!secondDone.isSet)
        signal.signal()
        await second.value
        #expect(secondDone.isSet)
    }
}
