extension Duration {
    /// The duration as floating-point seconds.
    @inlinable
    var resilienceSeconds: Double {
        // Below one second (the rate limiter's usual elapsed time), `components` is (0, attoseconds): the same value
        // without the standard library's (non-inlinable) 128-bit division.
        let attoseconds = self.attoseconds
        if attoseconds >= 0, attoseconds < 1_000_000_000_000_000_000 {
            return Double(Int64(truncatingIfNeeded: attoseconds)) * 1e-18
        }
        let parts = self.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// A duration from floating-point seconds, clamped to zero below and to about 292 years above.
    @inlinable
    static func resilienceSeconds(_ seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return seconds == .infinity ? .seconds(Int64.max / 2) : .zero }
        guard seconds < 9.0e9 else { return .seconds(Int64(9.0e9)) }
        let whole = seconds.rounded(.down)
        let attoseconds = ((seconds - whole) * 1e18).rounded(.down)
        return Duration(secondsComponent: Int64(whole), attosecondsComponent: Int64(attoseconds))
    }
}

/// Carries a value across a task boundary that structured concurrency makes safe but the compiler cannot prove
/// (the value is used by one task at a time and the parent awaits the child).
@usableFromInline
struct UnsafeTransfer<Value>: @unchecked Sendable {
    @usableFromInline let value: Value

    @inlinable
    init(_ value: Value) {
        self.value = value
    }
}
