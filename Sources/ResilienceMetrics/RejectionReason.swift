import Resilience

/// The `reason` label of a rejection: a short, stable snake-case name for the error a strategy threw.
enum RejectionReason {
    static func label(for error: ResilienceError) -> String {
        let labels: [(ResilienceError, String)] = [
            (.circuitOpen, "circuit_open"), (.rateLimited, "rate_limited"), (.bulkheadFull, "bulkhead_full"),
            (.bulkheadQueueTimeout, "queue_timeout"), (.deadlineExceeded, "deadline_exceeded"),
            (.timedOut, "timed_out"), (.retryBudgetExhausted, "retry_budget_exhausted"),
        ]
        return labels.first { $0.0 == error }?.1 ?? "other"
    }

    static func label(for error: AdaptiveResilienceError) -> String {
        switch error {
        case .concurrencyLimitExceeded: "concurrency_limit"
        case .shed: "shed"
        case .queueFull: "queue_full"
        case .queueTimeout: "queue_timeout"
        case .throttled: "throttled"
        default: "other"
        }
    }

    /// The criticality a rejection is counted under when the strategy does not know it: the task's
    /// ``Resilience/Criticality/current``, or ``Resilience/Criticality/default``.
    static var currentCriticality: Criticality { Criticality.current ?? .default }
}
