/// Prometheus duration strings: `1y2w3d4h5m6s7ms` (units descending, each at most once; `y`=365d, `w`=7d).
public enum PrometheusDuration {
    private static let units: [(String, Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1000), ("ms", 1),
    ]

    /// Parses a duration; nil when malformed.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var lastUnit = -1
        while index < bytes.count {
            var number: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (multiplied, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (added, overflow2) = multiplied.addingReportingOverflow(Int64(bytes[index] - 0x30))
                if overflow1 || overflow2 { return nil }
                number = added
                index += 1
            }
            guard index > start, index < bytes.count else { return nil }
            var unitText = String(UnicodeScalar(bytes[index]))
            index += 1
            if unitText == "m", index < bytes.count, bytes[index] == UInt8(ascii: "s") {
                unitText = "ms"
                index += 1
            }
            guard let unitIndex = units.firstIndex(where: { $0.0 == unitText }), unitIndex > lastUnit else {
                return nil
            }
            lastUnit = unitIndex
            let (product, overflow) = number.multipliedReportingOverflow(by: units[unitIndex].1)
            if overflow { return nil }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow2 { return nil }
            total = sum
        }
        return .milliseconds(total)
    }

    /// Formats a duration the way Prometheus prints it (`1h30m`, `30d`, `250ms`).
    public static func format(_ duration: Duration) -> String {
        var millis = duration.nanoseconds / 1_000_000
        if millis == 0 { return "0s" }
        var out = ""
        if millis < 0 {
            out = "-"
            millis = -millis
        }
        for (unit, size) in units where millis >= size {
            if unit == "y" || unit == "w" {
                // Only use years/weeks when they divide exactly, like Prometheus's model.Duration.
                guard millis % size == 0 else { continue }
            }
            out += "\(millis / size)\(unit)"
            millis %= size
        }
        return out
    }
}
