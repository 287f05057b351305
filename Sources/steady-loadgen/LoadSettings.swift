import NIOCore

/// What one run of the generator does.
struct LoadSettings: Sendable {
    var target: LoadTarget
    /// Requests per second, sent on schedule whatever the responses (open loop). Ignored in closed-loop mode.
    var rate: Double
    /// When set, a closed loop of this many concurrent requests instead (used to measure capacity).
    var closedLoop: Int?
    /// Sending time that is measured.
    var duration: TimeAmount
    /// Sending time before the measured window (not counted).
    var warmup: TimeAmount
    /// The client deadline of each request: no answer by then counts as a timeout and the connection is closed.
    var deadline: TimeAmount
    var classes: [RequestClass]
    var maxConnections: Int
    /// Retries of 5xx answers per request (0 = none), immediately, within the deadline.
    var retries: Int
    /// gRPC-style retry budget (token ratio, 0…1); nil retries without a budget.
    var retryBudgetRatio: Double?
    /// Send the time left as `x-request-timeout` so the server can drop expired work.
    var sendsDeadlineHeader: Bool
}

/// A gRPC-style retry throttle: 10 tokens, a failure costs one, a success earns `ratio`, and retries are allowed
/// only while more than half the tokens are left (the same rule as Resilience's `RetryBudget`).
struct RetryTokens {
    private let maximum = 10_000
    private let ratio: Int
    private var tokens = 10_000

    /// `ratio` is clamped to 0…1 (NaN counts as 0).
    init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        self.ratio = Int((clamped * 1000).rounded())
    }

    mutating func recordSuccess() {
        tokens = min(maximum, tokens + ratio)
    }

    /// Records a failure; returns whether a retry is allowed.
    mutating func recordFailure() -> Bool {
        tokens = max(0, tokens - 1000)
        return tokens * 2 > maximum
    }
}
