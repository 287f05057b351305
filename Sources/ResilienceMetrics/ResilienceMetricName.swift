/// The names of the metrics ``ResilienceMetrics`` records. Every metric has a `name` dimension: the name given to
/// the recorder (one per strategy instance, e.g. the dependency it protects). The names follow resilience4j's
/// Micrometer names with a `resilience_` prefix and Prometheus's `_total`/`_seconds` suffixes.
///
/// | Metric | Type | Dimensions |
/// |---|---|---|
/// | `resilience_circuitbreaker_state` | gauge, 1 for the current state, 0 for the others | `name`, `state` |
/// | `resilience_circuitbreaker_transitions_total` | counter | `name`, `from`, `to` |
/// | `resilience_circuitbreaker_calls_total` | counter | `name`, `outcome` (`success`, `failure`, `ignored`, `rejected`)|
/// | `resilience_circuitbreaker_slow_calls_total` | counter | `name`, `outcome` (`success`, `failure`) |
/// | `resilience_circuitbreaker_call_duration_seconds` | timer | `name`, `outcome` (`success`, `failure`, `ignored`) |
/// | `resilience_retry_attempts_total` | counter: retries made (attempts after the first) | `name` |
/// | `resilience_retry_budget_exhausted_total` | counter: retries refused by the budget | `name` |
/// | `resilience_retry_budget_tokens` | gauge: tokens left, when sampled | `name` |
/// | `resilience_rejections_total` | counter | `name`, `strategy`, `reason`, `criticality` |
/// | `resilience_concurrencylimiter_limit` | gauge: the adaptive limit | `name` |
/// | `resilience_loadshedder_limit` | gauge: the adaptive limit | `name` |
/// | `resilience_loadshedder_admitted_total` | counter: requests admitted | `name`, `criticality` |
/// | `resilience_loadshedder_queued_total` | counter: admitted after waiting in the queue | `name`, `criticality` |
/// | `resilience_loadshedder_queue_wait_seconds` | timer: arrival to admission | `name`, `criticality` |
///
/// State labels are ``Resilience/CircuitBreakerState``'s raw values (`closed`, `open`, `half_open`, `disabled`,
/// `forced_open`, `metrics_only`). Criticality labels are ``Resilience/Criticality/headerValue`` (`CRITICAL`, …),
/// as in `http_requests_rejected_total`.
///
/// ```swift
/// factory.durationHistogramBuckets[ResilienceMetricName.circuitBreakerCallDuration] = [.milliseconds(10), .seconds(1)]
/// ```
public enum ResilienceMetricName {
    /// `resilience_circuitbreaker_state{name,state}`: 1 for the breaker's current state, 0 for the others.
    ///
    /// ```swift
    /// // PromQL: resilience_circuitbreaker_state{state="open"} == 1
    /// let label = ResilienceMetricName.circuitBreakerState
    /// ```
    public static let circuitBreakerState = "resilience_circuitbreaker_state"
    /// `resilience_circuitbreaker_transitions_total{name,from,to}`: state changes.
    ///
    /// ```swift
    /// // PromQL: increase(resilience_circuitbreaker_transitions_total{to="open"}[1h])
    /// let label = ResilienceMetricName.circuitBreakerTransitions
    /// ```
    public static let circuitBreakerTransitions = "resilience_circuitbreaker_transitions_total"
    /// `resilience_circuitbreaker_calls_total{name,outcome}`: calls by outcome (`success`, `failure`, `ignored`,
    /// `rejected`).
    ///
    /// ```swift
    /// // PromQL: rate(resilience_circuitbreaker_calls_total{outcome="rejected"}[5m])
    /// let label = ResilienceMetricName.circuitBreakerCalls
    /// ```
    public static let circuitBreakerCalls = "resilience_circuitbreaker_calls_total"
    /// `resilience_circuitbreaker_slow_calls_total{name,outcome}`: calls slower than the breaker's slow-call
    /// threshold, by outcome (`success`, `failure`); they are also counted in ``circuitBreakerCalls``.
    ///
    /// ```swift
    /// let label = ResilienceMetricName.circuitBreakerSlowCalls
    /// ```
    public static let circuitBreakerSlowCalls = "resilience_circuitbreaker_slow_calls_total"
    /// `resilience_circuitbreaker_call_duration_seconds{name,outcome}`: how long permitted calls ran (a timer).
    ///
    /// ```swift
    /// let label = ResilienceMetricName.circuitBreakerCallDuration
    /// ```
    public static let circuitBreakerCallDuration = "resilience_circuitbreaker_call_duration_seconds"
    /// `resilience_retry_attempts_total{name}`: retries made, i.e. attempts after the first.
    ///
    /// ```swift
    /// // PromQL: rate(resilience_retry_attempts_total[5m]) / rate(resilience_circuitbreaker_calls_total[5m])
    /// let label = ResilienceMetricName.retryAttempts
    /// ```
    public static let retryAttempts = "resilience_retry_attempts_total"
    /// `resilience_retry_budget_exhausted_total{name}`: retries that were wanted but refused by the retry budget.
    ///
    /// ```swift
    /// let label = ResilienceMetricName.retryBudgetExhausted
    /// ```
    public static let retryBudgetExhausted = "resilience_retry_budget_exhausted_total"
    /// `resilience_retry_budget_tokens{name}`: the tokens left in a retry budget, when sampled.
    ///
    /// ```swift
    /// let label = ResilienceMetricName.retryBudgetTokens
    /// ```
    public static let retryBudgetTokens = "resilience_retry_budget_tokens"
    /// `resilience_rejections_total{name,strategy,reason,criticality}`: calls a strategy turned away without
    /// running them. `strategy` is `circuitbreaker`, `bulkhead`, `ratelimiter`, `concurrencylimiter` or
    /// `loadshedder`; `reason` is `circuit_open`, `bulkhead_full`, `queue_timeout`, `deadline_exceeded`,
    /// `rate_limited`, `concurrency_limit`, `shed` or `queue_full`.
    ///
    /// ```swift
    /// // PromQL: sum by (strategy, reason) (rate(resilience_rejections_total{name="inventory"}[5m]))
    /// let label = ResilienceMetricName.rejections
    /// ```
    public static let rejections = "resilience_rejections_total"
    /// `resilience_concurrencylimiter_limit{name}`: an adaptive concurrency limiter's current limit.
    ///
    /// ```swift
    /// let label = ResilienceMetricName.concurrencyLimiterLimit
    /// ```
    public static let concurrencyLimiterLimit = "resilience_concurrencylimiter_limit"
    /// `resilience_loadshedder_limit{name}`: a load shedder's current concurrency limit.
    ///
    /// ```swift
    /// let label = ResilienceMetricName.loadShedderLimit
    /// ```
    public static let loadShedderLimit = "resilience_loadshedder_limit"
    /// `resilience_loadshedder_admitted_total{name,criticality}`: requests a load shedder admitted, at once or
    /// after queueing, by the class they were admitted as.
    ///
    /// ```swift
    /// // PromQL: sum by (criticality) (rate(resilience_loadshedder_admitted_total{name="http_server"}[5m]))
    /// let label = ResilienceMetricName.loadShedderAdmitted
    /// ```
    public static let loadShedderAdmitted = "resilience_loadshedder_admitted_total"
    /// `resilience_loadshedder_queued_total{name,criticality}`: admitted requests that waited in the queue (at
    /// least the recorder's `queuedThreshold`) before running; also counted in ``loadShedderAdmitted``.
    ///
    /// ```swift
    /// // PromQL: rate(resilience_loadshedder_queued_total[5m]) / rate(resilience_loadshedder_admitted_total[5m])
    /// let label = ResilienceMetricName.loadShedderQueued
    /// ```
    public static let loadShedderQueued = "resilience_loadshedder_queued_total"
    /// `resilience_loadshedder_queue_wait_seconds{name,criticality}`: how long admitted requests waited between
    /// arriving and being admitted (close to zero for those admitted at once) (a timer).
    ///
    /// ```swift
    /// factory.durationHistogramBuckets[ResilienceMetricName.loadShedderQueueWait] = [.milliseconds(1), .seconds(1)]
    /// ```
    public static let loadShedderQueueWait = "resilience_loadshedder_queue_wait_seconds"
}
