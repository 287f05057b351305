extension Duration {
    /// The duration as floating-point seconds (attosecond precision folded into a `Double`).
    var adaptiveSeconds: Double {
        let parts = self.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// A duration from floating-point seconds, clamped to be non-negative.
    static func adaptiveSeconds(_ seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        let whole = seconds.rounded(.down)
        let attos = (seconds - whole) * 1e18
        return Duration(secondsComponent: Int64(whole), attosecondsComponent: Int64(attos))
    }
}
