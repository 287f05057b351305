import NIOCore

/// Per-class results as CSV or JSON, one row per class and a last `all` row with the totals.
struct LoadReport {
    struct Row {
        var name: String
        var stats: ClassStats
        var p50: Double?
        var p99: Double?
    }

    static let columns = [
        "class", "offered_rps", "sent", "attempts", "retries", "good", "goodput_rps", "rejected", "timeouts", "errors",
        "p50_ms", "p99_ms",
    ]

    let seconds: Double
    let tags: [(String, String)]
    let rows: [Row]

    init(settings: LoadSettings, stats: [ClassStats], tags: [(String, String)]) {
        self.seconds = Double(settings.duration.nanoseconds) / 1e9
        self.tags = tags
        var rows: [Row] = []
        var total = ClassStats()
        for (index, entry) in stats.enumerated() {
            total.merge(entry)
            rows.append(Self.row(settings.classes[index].name, entry))
        }
        // Always present (also for a single class), so consumers can read the totals from one row.
        rows.append(Self.row("all", total))
        self.rows = rows
    }

    private static func row(_ name: String, _ stats: ClassStats) -> Row {
        let sorted = stats.latencies.sorted()
        return Row(
            name: name, stats: stats, p50: stats.percentile(0.5, sorted: sorted),
            p99: stats.percentile(0.99, sorted: sorted))
    }

    private func values(_ row: Row) -> [String] {
        let stats = row.stats
        return [
            row.name, Self.number(Double(stats.sent) / seconds), String(stats.sent), String(stats.attempts),
            String(stats.retries), String(stats.good), Self.number(Double(stats.good) / seconds),
            String(stats.rejected), String(stats.timeouts), String(stats.errors),
            row.p50.map(Self.number) ?? "", row.p99.map(Self.number) ?? "",
        ]
    }

    func csv(header: Bool) -> String {
        var text = ""
        if header { text += (tags.map(\.0) + Self.columns).joined(separator: ",") + "\n" }
        for row in rows {
            text += (tags.map(\.1) + values(row)).joined(separator: ",") + "\n"
        }
        return text
    }

    func json() -> String {
        var objects: [String] = []
        for row in rows {
            let fields = zip(tags.map(\.0) + Self.columns, tags.map(\.1) + values(row)).map { key, value in
                let isNumber = Double(value) != nil && key != "class" && !tags.contains { $0.0 == key }
                return "\"\(key)\":" + (value.isEmpty ? "null" : isNumber ? value : "\"\(value)\"")
            }
            objects.append("{" + fields.joined(separator: ",") + "}")
        }
        return "[" + objects.joined(separator: ",\n ") + "]\n"
    }

    private static func number(_ value: Double) -> String {
        (value * 100).rounded() == value * 100 && value == value.rounded() ? String(Int(value)) : String(format3(value))
    }

    private static func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}
