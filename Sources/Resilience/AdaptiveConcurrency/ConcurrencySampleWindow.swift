/// How RTT samples are batched before the limit algorithm sees them (Netflix's `WindowedLimit`).
///
/// A window closes once it holds `minSamples` samples and spans `minDuration`; the algorithm then receives the
/// window's average RTT, its largest in-flight count and whether any sample was a drop. The default (one sample,
/// no duration) feeds every sample straight through.
///
/// ```swift
/// let window = ConcurrencySampleWindow(minSamples: 10, minDuration: .seconds(1))
/// ```
public struct ConcurrencySampleWindow: Sendable, Equatable {
    /// Samples a window needs before it can close.
    public var minSamples: Int
    /// Time a window must span before it can close.
    public var minDuration: Duration

    /// Creates a window policy.
    ///
    /// ```swift
    /// let perSample = ConcurrencySampleWindow()
    /// ```
    public init(minSamples: Int = 1, minDuration: Duration = .zero) {
        precondition(minSamples >= 1, "minSamples must be at least 1")
        self.minSamples = minSamples
        self.minDuration = minDuration
    }
}
