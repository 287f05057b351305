public import Synchronization

/// A circuit breaker: stops calling a dependency that keeps failing (or is too slow), then probes it and recovers.
///
/// resilience4j's semantics by default (count- or time-based sliding window, failure-rate and slow-call-rate
/// thresholds, minimum calls, probes in half-open with an optional deadline, manual states); pybreaker's with
/// ``CircuitBreakerConfiguration/consecutive(failures:resetTimeout:successThreshold:)``. Rejected calls throw
/// ``ResilienceError/circuitOpen`` (with ``ResilienceError/retryAfter`` while open); the operation's own errors are
/// rethrown unchanged.
///
/// The logic is ``CircuitBreakerStateMachine`` behind a `Mutex`. An atomic copy of "does this state permit calls
/// without asking" (closed, disabled, metrics-only) lets the closed path skip the lock when asking for permission:
/// it takes the lock once (to record the outcome), reads the clock twice and does not allocate. Open, forced-open
/// and half-open breakers ask under the lock, so half-open still admits exactly its permitted probes.
///
/// ```swift
/// let breaker = CircuitBreaker(
///     configuration: .init(failureRateThreshold: 50, slidingWindow: .countBased(size: 20), minimumNumberOfCalls: 10),
///     onStateChange: { transition in logger.warning("inventory breaker \(transition)") })
/// let stock = try await breaker.execute { try await inventory.stock(sku) }
/// ```
public final class CircuitBreaker<C: Clock>: ResilienceStrategy where C.Duration == Duration {
    /// The configuration the breaker was created with.
    ///
    /// ```swift
    /// print(breaker.configuration.waitDurationInOpenState)
    /// ```
    public let configuration: CircuitBreakerConfiguration
    @usableFromInline let clock: C
    @usableFromInline let machine: Mutex<CircuitBreakerStateMachine<C.Instant>>
    @usableFromInline let onStateChange: (@Sendable (CircuitBreakerTransition) -> Void)?
    @usableFromInline let subscribers = Mutex<[UInt64: AsyncStream<CircuitBreakerTransition>.Continuation]>([:])
    private let nextSubscriber = Atomic<UInt64>(0)
    /// `true` while the machine's state permits every call without a state change (closed, disabled,
    /// metrics-only). Written under the machine's lock after every event, read without it by ``execute``.
    @usableFromInline let permitsFreely = Atomic<Bool>(true)

    /// Creates a breaker on `clock`.
    ///
    /// ```swift
    /// let clock = ManualClock()
    /// let breaker = CircuitBreaker(configuration: .consecutive(failures: 3), clock: clock)
    /// ```
    public init(
        configuration: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        clock: C,
        onStateChange: (@Sendable (CircuitBreakerTransition) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.clock = clock
        self.machine = Mutex(CircuitBreakerStateMachine(configuration: configuration, now: clock.now))
        self.onStateChange = onStateChange
    }

    /// Runs `operation` if the breaker permits it and records its outcome: a recorded failure when
    /// ``CircuitBreakerConfiguration/isFailure`` says so, nothing for ``CircuitBreakerConfiguration/isIgnored``
    /// errors, a success otherwise. Throws ``ResilienceError/circuitOpen`` without running it when rejected.
    ///
    /// ```swift
    /// let stock = try await breaker.execute { try await inventory.stock(sku) }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if FastClock.isDurationBacked(C.Instant.self) {
            return try await self.execute(startValue: FastClock.nowValue(self.clock), isolation: isolation, operation)
        }
        return try await self.execute(start: FastClock.now(self.clock), isolation: isolation, operation)
    }

    /// Runs `next` if the breaker permits it and records its outcome, as a stage of a pipeline: the call's start
    /// is the context's clock reading when there is one.
    ///
    /// ```swift
    /// let value = try await breaker.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        var inner = context
        if FastClock.isDurationBacked(C.Instant.self) {
            let start = inner.nowValue(self.clock)
            return try await self.execute(startValue: start, isolation: isolation) { try await next(inner) }
        }
        let start = inner.now(self.clock)
        return try await self.execute(start: start, isolation: isolation) { try await next(inner) }
    }

    /// ``execute(start:isolation:_:)`` for a duration-backed instant, kept as its `Duration` value: no opaque
    /// instant lives in the async frame; the sync helpers rebuild it.
    @inlinable @inline(__always)
    func execute<Success>(
        startValue: Duration,
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if !self.permitsFreely.load(ordering: .acquiring) { try self.acquirePermission(nowValue: startValue) }
        let value: Success
        do {
            value = try await operation()
        } catch {
            self.record(error: error, startValue: startValue)
            throw error
        }
        self.recordSuccess(startValue: startValue)
        return value
    }

    @inlinable @inline(never)
    func acquirePermission(nowValue: Duration) throws(ResilienceError) {
        try self.acquirePermission(now: unsafeBitCast(nowValue, to: C.Instant.self))
    }

    @inlinable @inline(never)
    func record(error: any Error, startValue: Duration) {
        self.record(error: error, start: unsafeBitCast(startValue, to: C.Instant.self))
    }

    /// Records a success that started at `startValue` (a duration-backed instant's value).
    @inlinable @inline(never)
    func recordSuccess(startValue: Duration) {
        let end = FastClock.nowValue(self.clock)
        let duration = Duration(attoseconds: end.attoseconds - startValue.attoseconds)
        // The usual case changes no state (so `permitsFreely` stays) and needs no instant.
        if !self.machine.withLock({ $0.recordSuccessWithoutTransition(duration: duration) }) {
            self.recordSuccess(duration: duration, end: unsafeBitCast(end, to: C.Instant.self))
        }
        if let onCall = self.configuration.onCall { self.report(.success, duration: duration, to: onCall) }
    }

    @inlinable @inline(never)
    func recordSuccess(duration: Duration, end: C.Instant) {
        let transitions = self.withMachine { $0.record(.success, duration: duration, now: end) }
        if !transitions.isEmpty { self.publish(transitions) }
    }

    /// The call from `start` on: permission (when the state asks for it), the operation, its outcome.
    @inlinable @inline(__always)
    func execute<Success>(
        start: C.Instant,
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if !self.permitsFreely.load(ordering: .acquiring) { try self.acquirePermission(now: start) }
        let value: Success
        do {
            value = try await operation()
        } catch {
            self.record(error: error, start: start)
            throw error
        }
        let end = FastClock.now(self.clock)
        let duration = FastClock.elapsed(from: start, to: end)
        let transitions = self.withMachine { $0.record(.success, duration: duration, now: end) }
        if !transitions.isEmpty { self.publish(transitions) }
        if let onCall = self.configuration.onCall { self.report(.success, duration: duration, to: onCall) }
        return value
    }

    /// Asks the state machine (open, forced-open or half-open breakers); throws when the call is rejected.
    @inlinable @inline(never)
    func acquirePermission(now: C.Instant) throws(ResilienceError) {
        let decision = self.withMachine { $0.acquirePermission(now: now) }
        if !decision.transitions.isEmpty { self.publish(decision.transitions) }
        if case .rejected(let retryAfter) = decision.permission {
            self.configuration.onCall?(CircuitBreakerCallEvent(outcome: .rejected, duration: .zero, isSlow: false))
            throw ResilienceError(.circuitOpen, retryAfter: retryAfter)
        }
    }

    /// Runs `body` on the state machine under its lock and refreshes ``permitsFreely`` before unlocking.
    @inlinable
    func withMachine<Result>(
        _ body: (inout CircuitBreakerStateMachine<C.Instant>) -> Result
    ) -> Result {
        self.machine.withLock { machine in
            let wasFree = machine.state.permitsFreely
            let result = body(&machine)
            let isFree = machine.state.permitsFreely
            if isFree != wasFree { self.permitsFreely.store(isFree, ordering: .releasing) }
            return result
        }
    }

    /// The current state. An open breaker whose wait has elapsed reports `.open` until the next call moves it to
    /// half-open (as in resilience4j without automatic transitions).
    ///
    /// ```swift
    /// if breaker.state == .open { showBanner() }
    /// ```
    public var state: CircuitBreakerState {
        self.machine.withLock { $0.state }
    }

    /// The current metrics.
    ///
    /// ```swift
    /// print(breaker.metrics.failureRate)
    /// ```
    public var metrics: CircuitBreakerMetrics {
        let now = self.clock.now
        return self.withMachine { $0.metrics(now: now) }
    }

    /// Moves the breaker to `state` by hand (disable it, force it open, metrics only, or back to normal).
    ///
    /// ```swift
    /// breaker.transition(to: .forcedOpen)  // maintenance window
    /// breaker.transition(to: .closed)
    /// ```
    public func transition(to state: CircuitBreakerState) {
        let now = self.clock.now
        let transitions = self.withMachine { $0.transition(to: state, now: now) }
        self.publish(transitions)
    }

    /// Closes the breaker and clears its metrics.
    ///
    /// ```swift
    /// breaker.reset()
    /// ```
    public func reset() {
        let now = self.clock.now
        let transitions = self.withMachine { $0.reset(now: now) }
        self.publish(transitions)
    }

    /// A stream of the breaker's state changes from now on; it ends when the task iterating it is cancelled.
    ///
    /// ```swift
    /// for await transition in breaker.stateChanges() {
    ///     logger.info("breaker \(transition)")
    /// }
    /// ```
    public func stateChanges() -> AsyncStream<CircuitBreakerTransition> {
        let id = self.nextSubscriber.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<CircuitBreakerTransition>.makeStream(
            bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        self.subscribers.withLock { $0[id] = continuation }
        return stream
    }

    @usableFromInline
    func record(error: any Error, start: C.Instant) {
        let outcome: CircuitBreakerStateMachine<C.Instant>.CallOutcome
        if self.configuration.isIgnored(error) {
            outcome = .ignored
        } else if self.configuration.isFailure(error) {
            outcome = .failure
        } else {
            outcome = .success
        }
        let end = FastClock.now(self.clock)
        let duration = FastClock.elapsed(from: start, to: end)
        let transitions = self.withMachine { $0.record(outcome, duration: duration, now: end) }
        self.publish(transitions)
        if let onCall = self.configuration.onCall {
            let reported: CircuitBreakerCallEvent.Outcome =
                switch outcome {
                case .success: .success
                case .failure: .failure
                case .ignored: .ignored
                }
            self.report(reported, duration: duration, to: onCall)
        }
    }

    @usableFromInline
    func report(
        _ outcome: CircuitBreakerCallEvent.Outcome, duration: Duration,
        to onCall: @Sendable (CircuitBreakerCallEvent) -> Void
    ) {
        let isSlow = duration > self.configuration.slowCallDurationThreshold
        onCall(CircuitBreakerCallEvent(outcome: outcome, duration: duration, isSlow: isSlow))
    }

    @usableFromInline
    func publish(_ transitions: CircuitBreakerTransitions) {
        guard !transitions.isEmpty else { return }
        let subscribers = self.subscribers.withLock { Array($0.values) }
        for transition in transitions {
            self.onStateChange?(transition)
            for subscriber in subscribers { subscriber.yield(transition) }
        }
    }
}

extension CircuitBreaker where C == ContinuousClock {
    /// Creates a breaker on the continuous clock.
    ///
    /// ```swift
    /// let breaker = CircuitBreaker(configuration: .consecutive(failures: 5, resetTimeout: .seconds(30)))
    /// ```
    public convenience init(
        configuration: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        onStateChange: (@Sendable (CircuitBreakerTransition) -> Void)? = nil
    ) {
        self.init(configuration: configuration, clock: ContinuousClock(), onStateChange: onStateChange)
    }
}
