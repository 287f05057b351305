/// When a hedged attempt is sent.
///
/// ```swift
/// let fixed = HedgingDelay.fixed(.milliseconds(50))
/// let p95 = HedgingDelay.percentile(0.95, minimumSamples: 20, otherwise: .milliseconds(100))
/// ```
public enum HedgingDelay: Sendable, Equatable {
    /// After a fixed delay.
    case fixed(Duration)
    /// After the given percentile (0…1) of recently observed successful latencies, or `otherwise` until
    /// `minimumSamples` latencies have been observed.
    case percentile(Double, minimumSamples: Int = 20, otherwise: Duration)
}
