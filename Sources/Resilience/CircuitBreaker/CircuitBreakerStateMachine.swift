/// The pure logic of a ``CircuitBreaker``: a value-type state machine whose event methods take the current instant
/// and return what changed. ``CircuitBreaker`` wraps it in a `Mutex` and publishes the transitions.
///
/// Semantics follow resilience4j's `CircuitBreakerStateMachine` in sliding-window mode and pybreaker's in
/// consecutive mode (see ``CircuitBreakerConfiguration``).
///
/// ```swift
/// var machine = CircuitBreakerStateMachine(configuration: .consecutive(failures: 2), now: clock.now)
/// guard case .permitted = machine.acquirePermission(now: clock.now).permission else { throw … }
/// let transitions = machine.record(.failure, duration: .milliseconds(5), now: clock.now)
/// ```
public struct CircuitBreakerStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// Whether a call may run.
    ///
    /// ```swift
    /// if case .rejected(let retryAfter) = decision.permission { throw … }
    /// ```
    public enum Permission: Hashable, Sendable {
        /// The call may run; report its outcome with ``CircuitBreakerStateMachine/record(_:duration:now:)``.
        ///
        /// ```swift
        /// if decision.permission == .permitted { run() }
        /// ```
        case permitted
        /// The call must not run; `retryAfter` is the remaining open wait when known.
        ///
        /// ```swift
        /// if case .rejected(let wait) = decision.permission { print(wait as Any) }
        /// ```
        case rejected(retryAfter: Duration?)
    }

    /// The answer to ``CircuitBreakerStateMachine/acquirePermission(now:)``.
    ///
    /// ```swift
    /// let decision = machine.acquirePermission(now: now)
    /// ```
    public struct Decision: Hashable, Sendable {
        /// Whether the call may run.
        ///
        /// ```swift
        /// decision.permission == .permitted
        /// ```
        public var permission: Permission
        /// State changes caused by asking (e.g. open → half-open once the wait elapsed).
        ///
        /// ```swift
        /// for transition in decision.transitions { publish(transition) }
        /// ```
        public var transitions: CircuitBreakerTransitions

        @inlinable
        init(_ permission: Permission, _ transitions: CircuitBreakerTransitions) {
            self.permission = permission
            self.transitions = transitions
        }
    }

    /// How a permitted call ended, once classified by the breaker's predicates.
    ///
    /// ```swift
    /// machine.record(.success, duration: elapsed, now: clock.now)
    /// ```
    public enum CallOutcome: Hashable, Sendable {
        /// Success (or an error that is not a recorded failure).
        ///
        /// ```swift
        /// machine.record(.success, duration: elapsed, now: now)
        /// ```
        case success
        /// A recorded failure.
        ///
        /// ```swift
        /// machine.record(.failure, duration: elapsed, now: now)
        /// ```
        case failure
        /// An ignored error: not recorded; a half-open permit is given back.
        ///
        /// ```swift
        /// machine.record(.ignored, duration: elapsed, now: now)
        /// ```
        case ignored
    }

    @usableFromInline let configuration: CircuitBreakerConfiguration
    @usableFromInline let origin: Instant
    @usableFromInline let failureRateThreshold: Float
    @usableFromInline let slowCallRateThreshold: Float
    @usableFromInline var currentState: CircuitBreakerState = .closed
    @usableFromInline var window: CircuitBreakerWindow
    @usableFromInline var attempts = 0
    @usableFromInline var openUntil: Instant
    @usableFromInline var halfOpenPermits = 0
    @usableFromInline var halfOpenDeadline: Instant?
    @usableFromInline var consecutiveFailures = 0
    @usableFromInline var consecutiveSuccesses = 0

    /// A closed breaker; `now` anchors the time-based window's one-second buckets.
    ///
    /// ```swift
    /// var machine = CircuitBreakerStateMachine(configuration: .init(), now: ContinuousClock.now)
    /// ```
    public init(configuration: CircuitBreakerConfiguration, now: Instant) {
        self.configuration = configuration
        self.origin = now
        self.openUntil = now
        self.failureRateThreshold = Float(configuration.failureRateThreshold)
        self.slowCallRateThreshold = Float(configuration.slowCallRateThreshold)
        self.window = CircuitBreakerWindow(countBased: 0, minimumNumberOfCalls: 0)
        self.window = self.closedWindow(now: now)
    }

    /// The current state (as last updated by an event; an elapsed open wait is noticed by the next call).
    ///
    /// ```swift
    /// #expect(machine.state == .closed)
    /// ```
    @inlinable
    public var state: CircuitBreakerState { self.currentState }

    /// How many times the breaker has opened since it last closed (resilience4j `attempts`).
    ///
    /// ```swift
    /// print(machine.openAttempts)
    /// ```
    @inlinable
    public var openAttempts: Int { self.attempts }

    /// Asks whether a call may run now. A permitted call must be followed by exactly one
    /// ``record(_:duration:now:)``.
    ///
    /// ```swift
    /// let decision = machine.acquirePermission(now: clock.now)
    /// ```
    @inlinable
    public mutating func acquirePermission(now: Instant) -> Decision {
        var transitions = CircuitBreakerTransitions()
        switch self.currentState {
        case .closed, .disabled, .metricsOnly:
            return Decision(.permitted, transitions)
        case .forcedOpen:
            self.window.notPermittedCalls += 1
            return Decision(.rejected(retryAfter: nil), transitions)
        case .open:
            guard self.openWaitElapsed(now: now) else {
                self.window.notPermittedCalls += 1
                return Decision(.rejected(retryAfter: now.duration(to: self.openUntil)), transitions)
            }
            self.toHalfOpen(now: now, &transitions)
        case .halfOpen:
            self.expireHalfOpen(now: now, &transitions)
            if self.currentState == .open {
                guard self.openWaitElapsed(now: now) else {
                    self.window.notPermittedCalls += 1
                    return Decision(.rejected(retryAfter: now.duration(to: self.openUntil)), transitions)
                }
                self.toHalfOpen(now: now, &transitions)
            }
        }
        if self.halfOpenPermits > 0 {
            self.halfOpenPermits -= 1
            return Decision(.permitted, transitions)
        }
        self.window.notPermittedCalls += 1
        return Decision(.rejected(retryAfter: nil), transitions)
    }

    /// Records the outcome of a permitted call that took `duration`, and returns the state changes it caused.
    ///
    /// ```swift
    /// let transitions = machine.record(.failure, duration: start.duration(to: now), now: now)
    /// ```
    @inlinable
    public mutating func record(_ outcome: CallOutcome, duration: Duration, now: Instant) -> CircuitBreakerTransitions {
        var transitions = CircuitBreakerTransitions()
        if self.currentState == .halfOpen { self.expireHalfOpen(now: now, &transitions) }
        if outcome == .ignored {
            if self.currentState == .halfOpen { self.halfOpenPermits += 1 }
            return transitions
        }
        switch self.currentState {
        case .disabled, .forcedOpen:
            return transitions
        case .closed, .open, .halfOpen, .metricsOnly:
            break
        }
        let failed = outcome == .failure
        let slow = FastClock.exceeds(duration, self.configuration.slowCallDurationThreshold)
        // A closed breaker's rates, once defined, are below the thresholds (it opens as soon as one is reached).
        // In a count-based window a fast success cannot raise either rate (it adds a call, or replaces the oldest
        // outcome, without adding a failure or a slow call), so only a failure, a slow call or the call that
        // reaches the minimum number of calls needs the rates computed.
        let mayRaiseRates = failed || slow || self.window.isTimeBased || !self.window.ratesAreDefined
        self.window.record(CircuitBreakerWindow.outcome(failed: failed, slow: slow), second: self.second(now))
        switch self.configuration.mode {
        case .slidingWindow:
            switch self.currentState {
            case .closed:
                if mayRaiseRates, self.thresholdsExceeded() == true { self.toOpen(now: now, &transitions) }
            case .halfOpen:
                switch self.thresholdsExceeded() {
                case true?: self.toOpen(now: now, &transitions)
                case false?: self.toClosed(now: now, &transitions)
                case nil: break
                }
            case .open, .metricsOnly, .disabled, .forcedOpen:
                break
            }
        case .consecutive(let failureThreshold, let successThreshold):
            switch self.currentState {
            case .closed:
                if failed {
                    self.consecutiveFailures += 1
                    if self.consecutiveFailures >= failureThreshold { self.toOpen(now: now, &transitions) }
                } else {
                    self.consecutiveFailures = 0
                }
            case .halfOpen:
                if failed {
                    self.consecutiveFailures += 1
                    self.toOpen(now: now, &transitions)
                } else {
                    self.consecutiveFailures = 0
                    self.consecutiveSuccesses += 1
                    self.halfOpenPermits += 1
                    if self.consecutiveSuccesses >= successThreshold { self.toClosed(now: now, &transitions) }
                }
            case .metricsOnly:
                self.consecutiveFailures = failed ? self.consecutiveFailures + 1 : 0
            case .open, .disabled, .forcedOpen:
                break
            }
        }
        return transitions
    }

    /// Records a success that took `duration` when that cannot change the state (a closed breaker with a
    /// count-based window: any success in consecutive mode, a fast one once the rates are defined in sliding-window
    /// mode) and returns `true`; records nothing and returns `false` otherwise (use ``record(_:duration:now:)``).
    /// The same bookkeeping as ``record(_:duration:now:)``, without the instant it only needs for a transition or a
    /// time-based window.
    @inlinable
    mutating func recordSuccessWithoutTransition(duration: Duration) -> Bool {
        guard self.currentState == .closed, !self.window.isTimeBased else { return false }
        let slow = FastClock.exceeds(duration, self.configuration.slowCallDurationThreshold)
        switch self.configuration.mode {
        case .slidingWindow:
            guard !slow, self.window.ratesAreDefined else { return false }
            self.window.record(CircuitBreakerWindow.Outcome.success, second: 0)
        case .consecutive:
            self.window.record(CircuitBreakerWindow.outcome(failed: false, slow: slow), second: 0)
            self.consecutiveFailures = 0
        }
        return true
    }

    /// Moves the breaker to `state` by hand (resilience4j `transitionTo…State`): `.open` starts a new open wait,
    /// `.halfOpen` starts a new probe round, `.closed` and `.metricsOnly` start fresh metrics. No-op when already
    /// in `state`.
    ///
    /// ```swift
    /// let transitions = machine.transition(to: .forcedOpen, now: clock.now)
    /// ```
    public mutating func transition(to state: CircuitBreakerState, now: Instant) -> CircuitBreakerTransitions {
        var transitions = CircuitBreakerTransitions()
        guard state != self.currentState else { return transitions }
        switch state {
        case .closed: self.toClosed(now: now, &transitions)
        case .open: self.toOpen(now: now, &transitions)
        case .halfOpen: self.toHalfOpen(now: now, &transitions)
        case .disabled, .forcedOpen, .metricsOnly:
            let from = self.currentState
            if state == .forcedOpen { self.attempts += 1 } else { self.attempts = 0 }
            self.currentState = state
            self.window =
                state == .metricsOnly
                ? self.closedWindow(now: now) : CircuitBreakerWindow(countBased: 0, minimumNumberOfCalls: 0)
            self.consecutiveFailures = 0
            self.consecutiveSuccesses = 0
            transitions.append(CircuitBreakerTransition(from: from, to: state))
        }
        return transitions
    }

    /// Closes the breaker and clears its metrics (resilience4j `reset()`); reports the transition when the state
    /// changed.
    ///
    /// ```swift
    /// _ = machine.reset(now: clock.now)
    /// ```
    public mutating func reset(now: Instant) -> CircuitBreakerTransitions {
        var transitions = CircuitBreakerTransitions()
        let from = self.currentState
        self.toClosed(now: now, &transitions)
        if from == .closed { transitions = CircuitBreakerTransitions() }
        self.window = self.closedWindow(now: now)
        return transitions
    }

    /// The metrics of the current state at `now`.
    ///
    /// ```swift
    /// let rate = machine.metrics(now: clock.now).failureRate
    /// ```
    public func metrics(now: Instant) -> CircuitBreakerMetrics {
        var window = self.window
        window.moveWindow(to: self.second(now))
        let totals = window.totals
        return CircuitBreakerMetrics(
            failureRate: window.failureRate,
            slowCallRate: window.slowCallRate,
            numberOfBufferedCalls: totals.calls,
            numberOfFailedCalls: totals.failed,
            numberOfSuccessfulCalls: totals.calls - totals.failed,
            numberOfSlowCalls: totals.slowSuccessful + totals.slowFailed,
            numberOfSlowSuccessfulCalls: totals.slowSuccessful,
            numberOfSlowFailedCalls: totals.slowFailed,
            numberOfNotPermittedCalls: window.notPermittedCalls,
            consecutiveFailures: self.consecutiveFailures,
            consecutiveSuccesses: self.consecutiveSuccesses
        )
    }

    /// The remaining open wait at `now`, when open.
    ///
    /// ```swift
    /// let wait = machine.remainingOpenWait(now: clock.now)
    /// ```
    public func remainingOpenWait(now: Instant) -> Duration? {
        guard self.currentState == .open else { return nil }
        let remaining = now.duration(to: self.openUntil)
        return remaining > .zero ? remaining : .zero
    }

    // MARK: - Transitions

    @inlinable
    func openWaitElapsed(now: Instant) -> Bool {
        if case .consecutive = self.configuration.mode {
            return now >= self.openUntil  // pybreaker: `now < opened_at + reset_timeout` rejects
        }
        return now > self.openUntil  // resilience4j: `clock.instant().isAfter(retryAfterWaitDuration)`
    }

    /// `nil` below the minimum number of calls, else whether a rate is at or above its threshold.
    @inlinable
    func thresholdsExceeded() -> Bool? {
        let failureRate = self.window.failureRate
        let slowCallRate = self.window.slowCallRate
        if failureRate == -1 || slowCallRate == -1 { return nil }
        return failureRate >= self.failureRateThreshold || slowCallRate >= self.slowCallRateThreshold
    }

    @inlinable
    func second(_ now: Instant) -> Int64 {
        // Only a time-based window uses the second (a count-based one, as in half-open, ignores it).
        guard self.window.isTimeBased, case .timeBased = self.configuration.slidingWindow,
            self.currentState != .halfOpen
        else { return 0 }
        return self.origin.duration(to: now).components.seconds
    }

    @usableFromInline
    func closedWindow(now: Instant) -> CircuitBreakerWindow {
        switch self.configuration.slidingWindow {
        case .countBased(let size):
            return CircuitBreakerWindow(countBased: size, minimumNumberOfCalls: self.configuration.minimumNumberOfCalls)
        case .timeBased(let seconds):
            return CircuitBreakerWindow(
                timeBased: seconds, minimumNumberOfCalls: self.configuration.minimumNumberOfCalls,
                second: self.origin.duration(to: now).components.seconds)
        }
    }

    @usableFromInline
    mutating func expireHalfOpen(now: Instant, _ transitions: inout CircuitBreakerTransitions) {
        guard self.currentState == .halfOpen, let deadline = self.halfOpenDeadline, now >= deadline else { return }
        self.toOpen(now: deadline, &transitions)
    }

    @usableFromInline
    mutating func toOpen(now: Instant, _ transitions: inout CircuitBreakerTransitions) {
        let from = self.currentState
        self.attempts += 1
        self.openUntil = now.advanced(by: self.configuration.waitDurationInOpenState)
        self.halfOpenDeadline = nil
        self.consecutiveSuccesses = 0
        self.currentState = .open
        transitions.append(CircuitBreakerTransition(from: from, to: .open))
    }

    @usableFromInline
    mutating func toHalfOpen(now: Instant, _ transitions: inout CircuitBreakerTransitions) {
        let from = self.currentState
        let permitted = max(1, self.configuration.permittedNumberOfCallsInHalfOpenState)
        self.window = CircuitBreakerWindow(
            countBased: permitted, minimumNumberOfCalls: min(self.configuration.minimumNumberOfCalls, permitted))
        self.halfOpenPermits = permitted
        let maxWait = self.configuration.maxWaitDurationInHalfOpenState
        self.halfOpenDeadline = maxWait > .zero ? now.advanced(by: maxWait) : nil
        self.consecutiveSuccesses = 0
        self.currentState = .halfOpen
        transitions.append(CircuitBreakerTransition(from: from, to: .halfOpen))
    }

    @usableFromInline
    mutating func toClosed(now: Instant, _ transitions: inout CircuitBreakerTransitions) {
        let from = self.currentState
        self.currentState = .closed
        self.window = self.closedWindow(now: now)
        self.attempts = 0
        self.halfOpenDeadline = nil
        self.consecutiveFailures = 0
        self.consecutiveSuccesses = 0
        transitions.append(CircuitBreakerTransition(from: from, to: .closed))
    }
}
