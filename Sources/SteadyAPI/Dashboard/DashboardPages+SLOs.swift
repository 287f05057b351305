import SteadyModel

extension DashboardPages {
    /// The SLO table of the overview and service pages: SLI, budget left (with a bar), burn rate, alerts, gate.
    static func sloTable(_ statuses: [SLOStatus], showService: Bool) -> String {
        guard !statuses.isEmpty else { return "<p class=\"muted\">No SLOs.</p>\n" }
        var html = """
            <table><thead><tr><th>SLO</th><th class="num">Objective</th><th>Period</th><th class="num">SLI</th>\
            <th>Error budget left</th><th class="num">Burn 1h</th><th>Exhausted in</th><th>Alerts</th>\
            <th>Deploys</th></tr></thead><tbody>

            """
        for status in statuses {
            let name =
                showService ? "\(serviceLink(status.service)) / \(HTML.escape(status.name))" : HTML.escape(status.name)
            let alerts =
                status.alerts.isEmpty
                ? "<span class=\"muted\">none</span>"
                : status.alerts.map { alert in
                    let severity = alert.labels["severity"] == "critical" ? "critical" : "warning"
                    let label = alert.labels["tier"].map { "\(alert.name) (\($0))" } ?? alert.name
                    return
                        "<span class=\"\(severity)\" title=\"\(HTML.escape(alert.annotations["description"] ?? ""))\">"
                        + "\(HTML.escape(label))</span>"
                }.joined(separator: "<br>")
            let gate =
                status.gate.allowed
                ? "<span class=\"up\">open</span>"
                : "<span class=\"critical\" title=\"\(HTML.escape(status.gate.reason))\">frozen</span>"
            let problems = status.problems.map { "<br><span class=\"muted\">\(HTML.escape($0))</span>" }.joined()
            html += """
                <tr><td>\(name)\(problems)</td><td class="num">\(Format.plain(status.sloTarget * 100))%</td>\
                <td>\(HTML.escape(status.period))</td><td class="num">\(Format.sli(status.sliMeasurement))</td>\
                <td>\(budgetBar(status.errorBudgetRemainingRatio)) \(Format.percent(status.errorBudgetRemainingRatio))\
                 <span class="muted">(\(Format.plain(status.errorBudgetRemainingMinutes)) of \
                \(Format.plain(status.errorBudgetMinutes)) min)</span></td>\
                <td class="num">\(Format.plain(status.currentBurnRate))</td>\
                <td>\(status.timeToExhaustionSeconds.map(Self.duration) ?? Format.dash)</td>\
                <td>\(alerts)</td><td>\(gate)</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    /// Burn rates of every window of one SLO.
    static func sloWindows(_ status: SLOStatus) -> String {
        var html = """
            <table><thead><tr><th>Window</th><th class="num">Good</th><th class="num">Bad</th><th class="num">SLI</th>\
            <th class="num">Burn rate</th><th class="num">Alerts at</th></tr></thead><tbody>

            """
        for window in status.windows {
            let burning = (window.errorBudgetBurnRate ?? 0) > (window.alertingBurnRateThreshold ?? .infinity)
            html += """
                <tr><td>\(HTML.escape(window.window))</td><td class="num">\(Format.plain(window.goodEventsCount))</td>\
                <td class="num">\(Format.plain(window.badEventsCount))</td>\
                <td class="num">\(Format.sli(window.sliMeasurement))</td>\
                <td class="num\(burning ? " critical" : "")">\(Format.plain(window.errorBudgetBurnRate))</td>\
                <td class="num">\(window.alertingBurnRateThreshold.map { Format.plain($0) + "×" } ?? Format.dash)</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    /// Charts of one SLO over the page's range: budget left and the one-hour burn rate.
    static func sloCharts(_ series: SLOSeries, start: WallInstant, end: WallInstant) -> [SVGChart] {
        let times = series.points.map(\.time)
        return [
            SVGChart(
                title: "Error budget left — \(series.slo)", start: start, end: end, times: times,
                series: [
                    .init(
                        name: "budget left", color: "#1a7f37",
                        values: series.points.map { $0.errorBudgetRemainingRatio.map { max(0, $0) } })
                ], formatValue: { Format.percent($0) }),
            SVGChart(
                title: "Burn rate (1h) — \(series.slo)", start: start, end: end, times: times,
                series: [.init(name: "burn rate", color: "#cf222e", values: series.points.map(\.burnRate1h))],
                formatValue: { Format.plain($0) }),
        ]
    }

    /// A small horizontal bar: green above 50 %, amber above 10 %, red below.
    static func budgetBar(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "" }
        let clamped = min(1, max(0, ratio))
        let color = clamped > 0.5 ? "#1a7f37" : (clamped > 0.1 ? "#9a6700" : "#cf222e")
        return """
            <svg width="80" height="10" role="img" aria-label="\(Format.percent(ratio)) left"><rect width="80" \
            height="10" fill="#eef0f3"/><rect width="\(Int((clamped * 80).rounded()))" height="10" \
            fill="\(color)"/></svg>
            """
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int64(seconds.rounded())
        if total >= 86_400 { return "\(total / 86_400)d \((total % 86_400) / 3600)h" }
        if total >= 3600 { return "\(total / 3600)h \((total % 3600) / 60)m" }
        return "\(max(0, total / 60))m"
    }
}
