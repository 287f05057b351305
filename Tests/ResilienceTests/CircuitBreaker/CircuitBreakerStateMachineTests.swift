import Resilience
import Testing

/// Scripted sequences checked against resilience4j's documented semantics (CircuitBreakerStateMachine,
/// CircuitBreakerMetrics, FixedSizeSlidingWindowMetrics, SlidingTimeWindowMetrics).
@Suite("CircuitBreakerStateMachine — resilience4j semantics")
struct CircuitBreakerStateMachineTests {
    typealias Machine = CircuitBreakerStateMachine<ManualClock.Instant>

    static func at(_ seconds: Double) -> ManualClock.Instant {
        ManualClock.Instant(offset: .nanoseconds(Int64(seconds * 1e9)))
    }

    static func permitted(_ machine: inout Machine, at seconds: Double) -> Bool {
        machine.acquirePermission(now: at(seconds)).permission == .permitted
    }

    /// Runs one permitted call and returns its transitions.
    @discardableResult
    static func call(
        _ machine: inout Machine, _ outcome: Machine.CallOutcome, at seconds: Double,
        duration: Duration = .milliseconds(10)
    ) -> [CircuitBreakerTransition] {
        let decision = machine.acquirePermission(now: at(seconds))
        #expect(decision.permission == .permitted)
        return Array(decision.transitions) + Array(machine.record(outcome, duration: duration, now: at(seconds)))
    }

    static var countBased: CircuitBreakerConfiguration {
        CircuitBreakerConfiguration(
            failureRateThreshold: 50, slidingWindow: .countBased(size: 10), minimumNumberOfCalls: 5,
            waitDurationInOpenState: .seconds(10), permittedNumberOfCallsInHalfOpenState: 3)
    }

    @Test("closed → open once the minimum number of calls is reached and the failure rate is at the threshold")
    func tripsAtMinimumCalls() {
        var machine = Machine(configuration: Self.countBased, now: Self.at(0))
        for _ in 0..<4 { #expect(Self.call(&machine, .failure, at: 0).isEmpty) }
        var metrics = machine.metrics(now: Self.at(0))
        #expect(metrics.failureRate == -1)
        #expect(metrics.numberOfBufferedCalls == 4)
        #expect(metrics.numberOfFailedCalls == 4)
        #expect(machine.state == .closed)
        // The fifth call reaches minimumNumberOfCalls: 4/5 = 80 % ≥ 50 %.
        #expect(Self.call(&machine, .success, at: 0) == [CircuitBreakerTransition(from: .closed, to: .open)])
        #expect(machine.openAttempts == 1)
        // An open breaker keeps the closed state's metrics and counts rejections.
        let decision = machine.acquirePermission(now: Self.at(3))
        #expect(decision.permission == .rejected(retryAfter: .seconds(7)))
        metrics = machine.metrics(now: Self.at(3))
        #expect(metrics.failureRate == 80)
        #expect(metrics.numberOfBufferedCalls == 5)
        #expect(metrics.numberOfSuccessfulCalls == 1)
        #expect(metrics.numberOfNotPermittedCalls == 1)
    }

    @Test("exactly the threshold trips (≥), just below does not")
    func thresholdIsInclusive() {
        var machine = Machine(configuration: Self.countBased, now: Self.at(0))
        for outcome: Machine.CallOutcome in [.failure, .success, .success, .failure, .success] {
            Self.call(&machine, outcome, at: 0)
        }
        #expect(machine.state == .closed)  // 2/5 = 40 %
        #expect(Self.call(&machine, .failure, at: 0) == [.init(from: .closed, to: .open)])  // 3/6 = 50 %
    }

    @Test("the count-based window keeps only the last N calls")
    func countWindowEvicts() {
        var configuration = Self.countBased
        configuration.slidingWindow = .countBased(size: 4)
        configuration.minimumNumberOfCalls = 4
        configuration.failureRateThreshold = 75
        var machine = Machine(configuration: configuration, now: Self.at(0))
        for outcome: Machine.CallOutcome in [.failure, .failure, .success, .success, .failure] {
            Self.call(&machine, outcome, at: 0)
        }
        // Window is now [failure, success, success, failure]: 50 %.
        let metrics = machine.metrics(now: Self.at(0))
        #expect(metrics.numberOfBufferedCalls == 4)
        #expect(metrics.numberOfFailedCalls == 2)
        #expect(metrics.failureRate == 50)
        #expect(machine.state == .closed)
        Self.call(&machine, .failure, at: 0)  // [success, success, failure, failure]
        Self.call(&machine, .failure, at: 0)  // [success, failure, failure, failure] = 75 %
        #expect(machine.state == .open)
    }

    @Test("minimumNumberOfCalls is capped at the count-based window size")
    func minimumCappedAtWindowSize() {
        var configuration = Self.countBased
        configuration.slidingWindow = .countBased(size: 3)
        configuration.minimumNumberOfCalls = 100
        var machine = Machine(configuration: configuration, now: Self.at(0))
        Self.call(&machine, .failure, at: 0)
        Self.call(&machine, .success, at: 0)
        #expect(machine.state == .closed)
        #expect(Self.call(&machine, .failure, at: 0) == [.init(from: .closed, to: .open)])
    }

    @Test("open waits strictly longer than waitDurationInOpenState, then half-open probes close the breaker")
    func openToHalfOpenToClosed() {
        var machine = Machine(configuration: Self.countBased, now: Self.at(0))
        for _ in 0..<5 { Self.call(&machine, .failure, at: 0) }
        #expect(machine.state == .open)
        #expect(!Self.permitted(&machine, at: 10))  // isAfter(retryAfterWaitDuration) is strict
        let decision = machine.acquirePermission(now: Self.at(10.000_001))
        #expect(decision.permission == .permitted)
        #expect(Array(decision.transitions) == [.init(from: .open, to: .halfOpen)])
        // Three permits in half-open: two more may run concurrently, the fourth is rejected.
        #expect(Self.permitted(&machine, at: 10.1))
        #expect(Self.permitted(&machine, at: 10.1))
        #expect(machine.acquirePermission(now: Self.at(10.1)).permission == .rejected(retryAfter: nil))
        // Outcomes: 1 failure of 3 = 33 % < 50 % → closed, with fresh metrics.
        #expect(machine.record(.success, duration: .zero, now: Self.at(10.2)).isEmpty)
        #expect(machine.record(.failure, duration: .zero, now: Self.at(10.2)).isEmpty)
        #expect(Array(machine.record(.success, duration: .zero, now: Self.at(10.3))) == [.init(from: .halfOpen, to: .closed)])
        #expect(machine.metrics(now: Self.at(10.3)).numberOfBufferedCalls == 0)
        #expect(machine.openAttempts == 0)
    }

    @Test("half-open with the failure rate at the threshold re-opens, counting attempts")
    func halfOpenFailureReopens() {
        var machine = Machine(configuration: Self.countBased, now: Self.at(0))
        for _ in 0..<5 { Self.call(&machine, .failure, at: 0) }
        Self.call(&machine, .failure, at: 11)
        Self.call(&machine, .success, at: 11)
        let transitions = Self.call(&machine, .failure, at: 11)  // 2/3 = 66 %
        #expect(transitions == [.init(from: .halfOpen, to: .open)])
        #expect(machine.openAttempts == 2)
        #expect(machine.acquirePermission(now: Self.at(15)).permission == .rejected(retryAfter: .seconds(6)))
    }

    @Test("ignored errors give the half-open permit back and are not recorded")
    func ignoredReleasesPermit() {
        var configuration = Self.countBased
        configuration.permittedNumberOfCallsInHalfOpenState = 1
        var machine = Machine(configuration: configuration, now: Self.at(0))
        for _ in 0..<5 { Self.call(&machine, .failure, at: 0) }
        #expect(Self.permitted(&machine, at: 11))
        #expect(!Self.permitted(&machine, at: 11))
        #expect(machine.record(.ignored, duration: .zero, now: Self.at(11)).isEmpty)
        #expect(machine.metrics(now: Self.at(11)).numberOfBufferedCalls == 0)
        #expect(Self.permitted(&machine, at: 11))
        #expect(Array(machine.record(.success, duration: .zero, now: Self.at(11))) == [.init(from: .halfOpen, to: .closed)])
    }

    @Test("half-open minimum calls is min(minimumNumberOfCalls, permitted calls)")
    func halfOpenMinimumCalls() {
        var configuration = Self.countBased
        configuration.minimumNumberOfCalls = 2
        configuration.slidingWindow = .countBased(size: 2)
        configuration.permittedNumberOfCallsInHalfOpenState = 5
        var machine = Machine(configuration: configuration, now: Self.at(0))
        Self.call(&machine, .failure, at: 0)
        Self.call(&machine, .failure, at: 0)
        #expect(machine.state == .open)
        Self.call(&machine, .success, at: 11)
        // Two of the five probes decide: 1 success + 1 success = 0 % → closed.
        #expect(Self.call(&machine, .success, at: 11) == [.init(from: .halfOpen, to: .closed)])
    }

    @Test("slow calls: strictly longer than the threshold; slow-call rate trips the breaker")
    func slowCallRate() {
        var configuration = CircuitBreakerConfiguration(
            failureRateThreshold: 100, slowCallRateThreshold: 50, slowCallDurationThreshold: .seconds(1),
            slidingWindow: .countBased(size: 4), minimumNumberOfCalls: 4)
        configuration.waitDurationInOpenState = .seconds(5)
        var machine = Machine(configuration: configuration, now: Self.at(0))
        Self.call(&machine, .success, at: 0, duration: .seconds(1))  // not slow: not > 1 s
        Self.call(&machine, .success, at: 0, duration: .milliseconds(1001))  // slow
        Self.call(&machine, .failure, at: 0, duration: .seconds(3))  // slow failure
        var metrics = machine.metrics(now: Self.at(0))
        #expect(metrics.numberOfSlowCalls == 2)
        #expect(metrics.numberOfSlowSuccessfulCalls == 1)
        #expect(metrics.numberOfSlowFailedCalls == 1)
        #expect(metrics.slowCallRate == -1)
        #expect(Self.call(&machine, .success, at: 0) == [.init(from: .closed, to: .open)])  // 2/4 = 50 %
        metrics = machine.metrics(now: Self.at(0))
        #expect(metrics.slowCallRate == 50)
        #expect(metrics.failureRate == 25)
    }

    @Test("time-based window: one-second buckets expire after the window")
    func timeBasedWindow() {
        var configuration = CircuitBreakerConfiguration(
            failureRateThreshold: 50, slidingWindow: .timeBased(seconds: 10), minimumNumberOfCalls: 3)
        var machine = Machine(configuration: configuration, now: Self.at(0))
        Self.call(&machine, .failure, at: 0.2)
        Self.call(&machine, .failure, at: 0.9)
        #expect(machine.metrics(now: Self.at(9.99)).numberOfBufferedCalls == 2)
        // Second 10 starts a new bucket and evicts second 0.
        #expect(machine.metrics(now: Self.at(10)).numberOfBufferedCalls == 0)
        Self.call(&machine, .success, at: 10)
        Self.call(&machine, .failure, at: 12)
        #expect(machine.state == .closed)  // 2 calls < minimum
        #expect(Self.call(&machine, .failure, at: 19.5) == [.init(from: .closed, to: .open)])  // 2/3 in [10, 20)

        configuration.minimumNumberOfCalls = 2
        machine = Machine(configuration: configuration, now: Self.at(0))
        Self.call(&machine, .failure, at: 0)
        #expect(Self.call(&machine, .failure, at: 9.9) == [.init(from: .closed, to: .open)])
    }

    @Test("maxWaitDurationInHalfOpenState: probes that never finish send the breaker back to open")
    func halfOpenDeadline() {
        var configuration = Self.countBased
        configuration.maxWaitDurationInHalfOpenState = .seconds(5)
        var machine = Machine(configuration: configuration, now: Self.at(0))
        for _ in 0..<5 { Self.call(&machine, .failure, at: 0) }
        #expect(Self.permitted(&machine, at: 11))  // half-open at 11, deadline 16
        #expect(Self.permitted(&machine, at: 15.9))
        let decision = machine.acquirePermission(now: Self.at(16))
        #expect(Array(decision.transitions) == [.init(from: .halfOpen, to: .open)])
        #expect(decision.permission == .rejected(retryAfter: .seconds(10)))  // open from the deadline
        #expect(machine.openAttempts == 2)
        // A late probe outcome is recorded in the open state without a transition.
        #expect(machine.record(.success, duration: .zero, now: Self.at(17)).isEmpty)
        // Noticed late: deadline passed and the open wait elapsed too → two transitions in one call.
        var late = Machine(configuration: configuration, now: Self.at(0))
        for _ in 0..<5 { Self.call(&late, .failure, at: 0) }
        #expect(Self.permitted(&late, at: 11))
        let both = late.acquirePermission(now: Self.at(40))
        #expect(Array(both.transitions) == [.init(from: .halfOpen, to: .open), .init(from: .open, to: .halfOpen)])
        #expect(both.permission == .permitted)
    }

    @Test("manual states: disabled, forced open, metrics only")
    func manualStates() {
        var machine = Machine(configuration: Self.countBased, now: Self.at(0))
        #expect(Array(machine.transition(to: .disabled, now: Self.at(0))) == [.init(from: .closed, to: .disabled)])
        for _ in 0..<20 { Self.call(&machine, .failure, at: 0) }
        #expect(machine.state == .disabled)
        #expect(machine.metrics(now: Self.at(0)).numberOfBufferedCalls == 0)

        #expect(Array(machine.transition(to: .forcedOpen, now: Self.at(1))) == [.init(from: .disabled, to: .forcedOpen)])
        #expect(machine.acquirePermission(now: Self.at(1000)).permission == .rejected(retryAfter: nil))
        #expect(machine.metrics(now: Self.at(1000)).numberOfNotPermittedCalls == 1)

        #expect(machine.transition(to: .metricsOnly, now: Self.at(1000)).contains(.init(from: .forcedOpen, to: .metricsOnly)))
        for _ in 0..<20 { Self.call(&machine, .failure, at: 1000) }
        #expect(machine.state == .metricsOnly)
        #expect(machine.metrics(now: Self.at(1000)).failureRate == 100)

        #expect(machine.transition(to: .metricsOnly, now: Self.at(1000)).isEmpty)
        #expect(Array(machine.transition(to: .closed, now: Self.at(1000))) == [.init(from: .metricsOnly, to: .closed)])
        #expect(machine.metrics(now: Self.at(1000)).numberOfBufferedCalls == 0)
        _ = machine.transition(to: .open, now: Self.at(1000))
        #expect(machine.acquirePermission(now: Self.at(1005)).permission == .rejected(retryAfter: .seconds(5)))
        #expect(Array(machine.reset(now: Self.at(1005))) == [.init(from: .open, to: .closed)])
        #expect(machine.reset(now: Self.at(1005)).isEmpty)
    }
}
