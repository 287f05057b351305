/// What happened to one class of requests.
struct ClassStats: Sendable {
    /// Logical requests scheduled in the measured window.
    var sent = 0
    /// Attempts on the wire, retries included.
    var attempts = 0
    /// Retries made.
    var retries = 0
    /// 2xx answers within the client deadline.
    var good = 0
    /// Requests whose final answer was 503.
    var rejected = 0
    /// Requests with no answer by the client deadline.
    var timeouts = 0
    /// Other answers and connection failures.
    var errors = 0
    /// Latency of good requests, in microseconds (from the scheduled send time, retries included).
    var latencies: [UInt32] = []

    mutating func merge(_ other: ClassStats) {
        sent += other.sent
        attempts += other.attempts
        retries += other.retries
        good += other.good
        rejected += other.rejected
        timeouts += other.timeouts
        errors += other.errors
        latencies += other.latencies
    }

    /// The `q` quantile (0…1) of good latencies in milliseconds, nil without samples (nearest rank).
    func percentile(_ q: Double, sorted: [UInt32]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return Double(sorted[min(rank, sorted.count) - 1]) / 1000
    }
}
