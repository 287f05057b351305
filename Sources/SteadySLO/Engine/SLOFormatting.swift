import Foundation

/// Number formatting for alert texts and reports: short, stable, no locale.
enum SLOFormatting {
    /// `99.9`, `12.35`, `-4` — at most two decimals (four below 1), trailing zeros removed.
    static func percent(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
        let digits = abs(value) < 1 && value != 0 ? 4 : 2
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Burn rates: `14.4`, `0.52`.
    static func rate(_ value: Double) -> String { percent(value) }

    /// `3d4h`, `52m`, `40s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "forever" }
        var remaining = Int64(seconds.rounded())
        if remaining < 60 { return "\(max(0, remaining))s" }
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where remaining >= size {
            parts.append("\(remaining / size)\(unit)")
            remaining %= size
            if parts.count == 2 { break }
        }
        return parts.joined()
    }
}
