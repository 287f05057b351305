extension AdaptiveConcurrencyStateMachine.Outcome {
    /// The default classification of a failed call for the adaptive limits: timeouts and overload rejections are
    /// congestion signals (`dropped`); everything else — application errors, cancellation — is `ignored`.
    ///
    /// Drops are ``ResilienceError/timedOut``, ``ResilienceError/deadlineExceeded``,
    /// ``ResilienceError/bulkheadFull``, ``ResilienceError/bulkheadQueueTimeout`` and the overload cases of
    /// ``AdaptiveResilienceError`` (`shed`, `queueTimeout`, `queueFull`, `concurrencyLimitExceeded`, `throttled`)
    /// raised further down the call.
    ///
    /// ```swift
    /// let outcome = AdaptiveConcurrencyStateMachine<ContinuousClock.Instant>.Outcome.classify(ResilienceError.timedOut)
    /// // .dropped
    /// ```
    public static func classify(_ error: any Error) -> Self {
        if let error = error as? ResilienceError {
            switch error {
            case .timedOut, .deadlineExceeded, .bulkheadFull, .bulkheadQueueTimeout: return .dropped
            default: return .ignored
            }
        }
        if let error = error as? AdaptiveResilienceError {
            switch error {
            case .shed, .queueTimeout, .queueFull, .concurrencyLimitExceeded, .throttled: return .dropped
            default: return .ignored
            }
        }
        return .ignored
    }
}
