import Foundation
import SteadyModel

/// Human formatting of signal values for the dashboard.
enum Format {
    static let dash = "–"

    /// Three significant digits, without exponent for everyday magnitudes.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return dash }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1_000_000 { return trimmed(String(format: "%.2f", value / 1_000_000)) + "M" }
        if magnitude >= 10_000 { return trimmed(String(format: "%.1f", value / 1000)) + "k" }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return trimmed(String(format: "%.1f", value)) }
        if magnitude >= 0.01 { return trimmed(String(format: "%.2f", value)) }
        return String(format: "%.1e", value)
    }

    static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return dash }
        return number(value) + "/s"
    }

    static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return dash }
        return number(ratio * 100) + "%"
    }

    /// Seconds shown as µs, ms or s.
    static func latency(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return dash }
        if seconds == 0 { return "0 ms" }
        if seconds < 0.001 { return number(seconds * 1_000_000) + " µs" }
        if seconds < 1 { return number(seconds * 1000) + " ms" }
        return number(seconds) + " s"
    }

    static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return dash }
        return number(value)
    }

    /// `2024-05-01 12:00:00 UTC`.
    static func time(_ instant: WallInstant) -> String {
        let text = Timestamp.format(instant)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + " UTC"
    }

    /// `12:00` (UTC).
    static func clock(_ instant: WallInstant) -> String {
        String(Timestamp.format(instant).dropFirst(11).prefix(5))
    }

    /// `05-01` (UTC).
    static func monthDay(_ instant: WallInstant) -> String {
        String(Timestamp.format(instant).dropFirst(5).prefix(5))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = Substring(text)
        while text.hasSuffix("0") { text = text.dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }
}

extension Format {
    /// An SLI or objective as a percentage with up to three decimals (`99.973%`), never rounded up to 100 %.
    static func sli(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return dash }
        var value = (ratio * 100_000).rounded(.down) / 1000
        if value >= 100 && ratio < 1 { value = 99.999 }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}
