import Logging
import SteadyDemoService
import Testing

@Suite("FaultSwitch")
struct FaultSwitchTests {
    @Test("set, current and clear")
    func lifecycle() throws {
        let clock = VirtualClock()
        let faults = FaultSwitch(clock: clock, logger: TestSupport.logger)
        #expect(faults.current() == nil)
        let settings = FaultSettings(errorRatio: 0.25, addedLatencyMs: 10, down: false)
        let active = try faults.set(settings, ttl: .seconds(30))
        #expect(active == ActiveFaults(settings: settings, ttl: .seconds(30), remaining: .seconds(30)))
        clock.advance(by: .seconds(10))
        #expect(faults.current() == ActiveFaults(settings: settings, ttl: .seconds(30), remaining: .seconds(20)))
        faults.clear()
        #expect(faults.current() == nil)
        #expect(faults.settings == .none)
    }

    @Test("Expired faults are gone and stay gone")
    func expiry() throws {
        let clock = VirtualClock()
        let faults = FaultSwitch(clock: clock, logger: TestSupport.logger, defaultTTL: .seconds(5))
        try faults.set(FaultSettings(down: true))
        clock.advance(by: .milliseconds(4_999))
        #expect(faults.current()?.settings.down == true)
        clock.advance(by: .milliseconds(1))
        #expect(faults.current() == nil)
        #expect(faults.current() == nil)
    }

    @Test("Out-of-range values are refused with a typed error")
    func validation() {
        let faults = FaultSwitch(clock: VirtualClock(), logger: TestSupport.logger)
        #expect(throws: FaultError.invalidErrorRatio) { try faults.set(FaultSettings(errorRatio: .nan)) }
        #expect(throws: FaultError.invalidErrorRatio) { try faults.set(FaultSettings(errorRatio: 1.01)) }
        #expect(throws: FaultError.invalidAddedLatency) { try faults.set(FaultSettings(addedLatencyMs: -1)) }
        #expect(throws: FaultError.invalidTTL) { try faults.set(FaultSettings(down: true), ttl: .zero) }
        #expect(throws: FaultError.invalidTTL) { try faults.set(FaultSettings(down: true), ttl: .seconds(86_401)) }
        #expect(faults.current() == nil)
    }

    @Test("A configured default TTL above the maximum is capped")
    func defaultCapped() {
        let faults = FaultSwitch(
            clock: VirtualClock(),
            logger: TestSupport.logger,
            defaultTTL: .seconds(10_000),
            maximumTTL: .seconds(100)
        )
        #expect(faults.defaultTTL == .seconds(100))
    }
}
