/// The pure state of one hedged call.
///
/// The first attempt starts at once with a hedge timer armed; each timer expiry launches the next attempt (up to
/// `1 + maxHedgedAttempts` in all). A retryable failure launches the next attempt immediately, without waiting for
/// the timer (as gRPC hedging does). The first success wins and the others are cancelled; when every attempt has
/// failed, the call fails with the last error.
///
/// ```swift
/// var hedge = HedgingStateMachine(maxHedgedAttempts: 2)
/// hedge.start()                  // .launch(attempt: 0, armTimer: true)
/// hedge.timerFired()             // .launch(attempt: 1, armTimer: true)
/// hedge.attemptSucceeded(1)      // .succeed(attempt: 1, cancelOthers: true)
/// ```
public struct HedgingStateMachine: Sendable, Hashable {
    /// What the caller should do next.
    ///
    /// ```swift
    /// if case .launch(let n, let arm) = action { spawn(n); if arm { armTimer() } }
    /// ```
    public enum Action: Sendable, Hashable {
        /// Start attempt `attempt`; arm the hedge timer when more attempts remain.
        case launch(attempt: Int, armTimer: Bool)
        /// Nothing to do; keep waiting.
        case wait
        /// `attempt` won; cancel the others when `cancelOthers`.
        case succeed(attempt: Int, cancelOthers: Bool)
        /// Every attempt failed (or a failure was not retryable); fail with attempt `attempt`'s error.
        case fail(attempt: Int)
    }

    /// Total attempts allowed: the primary plus hedges.
    public let maxAttempts: Int
    /// Attempts started.
    public private(set) var launched = 0
    /// Attempts that failed.
    public private(set) var failed = 0
    /// Whether the call has an outcome.
    public private(set) var isFinished = false

    /// Creates a state for a call with up to `maxHedgedAttempts` extra attempts.
    ///
    /// ```swift
    /// let hedge = HedgingStateMachine(maxHedgedAttempts: 1)
    /// ```
    public init(maxHedgedAttempts: Int) {
        precondition(maxHedgedAttempts >= 0, "maxHedgedAttempts must not be negative")
        self.maxAttempts = 1 + maxHedgedAttempts
    }

    /// Starts the call.
    ///
    /// ```swift
    /// let first = hedge.start()
    /// ```
    public mutating func start() -> Action {
        precondition(self.launched == 0, "start called twice")
        return self.launchNext()
    }

    /// The hedge timer fired.
    ///
    /// ```swift
    /// let action = hedge.timerFired()
    /// ```
    public mutating func timerFired() -> Action {
        guard !self.isFinished, self.launched < self.maxAttempts else { return .wait }
        return self.launchNext()
    }

    /// Attempt `attempt` succeeded.
    ///
    /// ```swift
    /// let action = hedge.attemptSucceeded(0)
    /// ```
    public mutating func attemptSucceeded(_ attempt: Int) -> Action {
        guard !self.isFinished else { return .wait }
        self.isFinished = true
        return .succeed(attempt: attempt, cancelOthers: self.launched - self.failed > 1)
    }

    /// Attempt `attempt` failed; `retryable` false fails the whole call.
    ///
    /// ```swift
    /// let action = hedge.attemptFailed(0, retryable: true)
    /// ```
    public mutating func attemptFailed(_ attempt: Int, retryable: Bool) -> Action {
        guard !self.isFinished else { return .wait }
        self.failed += 1
        if !retryable {
            self.isFinished = true
            return .fail(attempt: attempt)
        }
        if self.launched < self.maxAttempts { return self.launchNext() }
        if self.failed == self.launched {
            self.isFinished = true
            return .fail(attempt: attempt)
        }
        return .wait
    }

    private mutating func launchNext() -> Action {
        let attempt = self.launched
        self.launched += 1
        return .launch(attempt: attempt, armTimer: self.launched < self.maxAttempts)
    }
}
