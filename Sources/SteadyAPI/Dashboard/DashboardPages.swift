import SteadyModel

/// Server-rendered pages: plain HTML, inline CSS, inline SVG, no scripts. All times are UTC.
enum DashboardPages {
    struct ServiceRow: Sendable {
        var service: ServiceSpec
        var targets: TargetCountsBody
        var signals: GoldenSignals?
    }

    struct ServicePage: Sendable {
        var service: ServiceSpec
        var targets: [TargetHealth]
        var current: GoldenSignals?
        var series: [GoldenSignals]
        var range: DashboardRange
        var start: WallInstant
        var end: WallInstant
        var events: [Event]
        var slos: [SLOStatus] = []
        var sloSeries: [SLOSeries] = []
    }

    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
        header{background:#1b1f24;color:#fff;padding:10px 24px;display:flex;justify-content:space-between;align-items:center}
        header a{color:#fff;text-decoration:none}header .brand{font-weight:600;font-size:18px}
        header .who{font-size:13px;color:#c9d1d9}header .who a{color:#9ecbff;margin-left:8px}
        main{padding:16px 24px;max-width:1200px}
        h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:24px 0 8px}
        table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e3e6ea;vertical-align:top}
        th{background:#eef0f3;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .up{color:#1a7f37;font-weight:600}.down{color:#cf222e;font-weight:600}.unknown{color:#6e7781}
        .warning{color:#9a6700}.critical{color:#cf222e;font-weight:600}
        .muted{color:#6e7781}.ranges a{margin-right:10px}.ranges a.current{font-weight:700;text-decoration:none;color:#1b1f24}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:12px}
        .chart{background:#fff;border:1px solid #e3e6ea;max-width:100%;height:auto}
        .chart .grid{stroke:#eef0f3}.chart .tick,.chart .axis-line{stroke:#8c959f}
        .chart .axis{font-size:11px;fill:#57606a}.chart .chart-title{font-size:13px;font-weight:600;fill:#1b1f24}
        .chart .empty{font-size:13px;fill:#8c959f}
        form.login{background:#fff;border:1px solid #e3e6ea;padding:20px;max-width:420px}
        form.login input[type=password]{width:100%;padding:8px;margin:8px 0 12px;box-sizing:border-box}
        .error{color:#cf222e}
        header a.nav{margin-left:24px;color:#1b1f24}
        """

    static func layout(title: String, caller: Caller?, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · Steady</title>
        <style>\(style)</style></head>
        <body><header><a class="brand" href="/">Steady</a><a class="nav" href="/alerts">Alerts</a><span class="who">\(who(caller))</span></header>
        <main>
        \(body)
        </main></body></html>

        """
    }

    static func who(_ caller: Caller?) -> String {
        switch caller {
        case .token(_, let name, let role)?:
            return "\(HTML.escape(name)) (\(HTML.escape(role.rawValue)))<a href=\"/logout\">Sign out</a>"
        case .anonymous?:
            return "anonymous, read-only<a href=\"/login\">Sign in</a>"
        case nil:
            return ""
        }
    }

    static func serviceLink(_ name: String) -> String {
        "<a href=\"/services/\(HTML.escape(percentEncode(name)))\">\(HTML.escape(name))</a>"
    }

    static func index(
        services: [ServiceRow], slos: [SLOStatus], alerts: [AlertAccess.AlertState], now: WallInstant, events: [Event],
        caller: Caller
    ) -> String {
        var body = "<h1>Services</h1>\n"
        if services.isEmpty {
            body += "<p class=\"muted\">No services are configured.</p>\n"
        } else {
            body += """
                <table><thead><tr><th>Service</th><th>Targets up</th><th class="num">Requests</th>\
                <th class="num">Errors</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th>\
                <th class="num">Saturation</th><th>SLOs</th></tr></thead><tbody>

                """
            for row in services {
                let signals = row.signals
                let healthClass =
                    row.targets.total == 0 ? "unknown" : (row.targets.up == row.targets.total ? "up" : "down")
                let slos = row.service.slos.map { "\(HTML.escape($0.name)) \(Format.plain($0.objective))%" }
                    .joined(separator: ", ")
                body += """
                    <tr><td>\(serviceLink(row.service.name))\(description(row.service.description))</td>\
                    <td class="\(healthClass)">\(row.targets.up)/\(row.targets.total)</td>\
                    <td class="num">\(Format.rate(signals?.requestRate))</td>\
                    <td class="num">\(Format.percent(signals?.errorRatio))</td>\
                    <td class="num">\(Format.latency(signals?.latencyP50))</td>\
                    <td class="num">\(Format.latency(signals?.latencyP95))</td>\
                    <td class="num">\(Format.latency(signals?.latencyP99))</td>\
                    <td class="num">\(Format.plain(signals?.saturation))</td>\
                    <td>\(slos.isEmpty ? Format.dash : slos)</td></tr>

                    """
            }
            body += "</tbody></table>\n"
        }
        body += "<h2>Firing alerts</h2>\n" + alertsTable(alerts, now: now)
        body += "<h2>SLOs</h2>\n" + sloTable(slos, showService: true)
        body += "<h2>Latest events</h2>\n" + eventsTable(events, showService: true)
        return layout(title: "Services", caller: caller, body: body)
    }

    static func service(_ page: ServicePage, caller: Caller) -> String {
        let service = page.service
        var body = "<h1>\(HTML.escape(service.name))</h1>\n"
        if let text = service.description { body += "<p class=\"muted\">\(HTML.escape(text))</p>\n" }
        let current = page.current
        body += """
            <p>Now: <strong>\(Format.rate(current?.requestRate))</strong> · errors \
            <strong>\(Format.percent(current?.errorRatio))</strong> · p50 \(Format.latency(current?.latencyP50)) · \
            p95 \(Format.latency(current?.latencyP95)) · p99 \(Format.latency(current?.latencyP99)) · saturation \
            \(Format.plain(current?.saturation))</p>

            """
        body += "<p class=\"ranges\">Range: "
        for range in DashboardRange.allCases {
            let href = "/services/\(percentEncode(service.name))?range=\(range.rawValue)"
            let current = range == page.range ? " class=\"current\"" : ""
            body += "<a href=\"\(HTML.escape(href))\"\(current)>\(range.rawValue)</a>"
        }
        body += "<span class=\"muted\">(UTC, \(PrometheusDuration.format(page.range.step)) steps)</span></p>\n"
        body += "<div class=\"charts\">\n"
        for chart in charts(page) { body += chart.render() + "\n" }
        body += "</div>\n"
        body += "<h2>Targets</h2>\n" + targetsTable(page.targets)
        if !service.slos.isEmpty {
            body += "<h2>SLOs</h2>\n" + sloTable(page.slos, showService: false)
            for status in page.slos {
                body += "<h2>\(HTML.escape(status.name)) — windows</h2>\n" + sloWindows(status)
                if let series = page.sloSeries.first(where: { $0.slo == status.slo }) {
                    body += "<div class=\"charts\">\n"
                    for chart in sloCharts(series, start: page.start, end: page.end) { body += chart.render() + "\n" }
                    body += "</div>\n"
                }
            }
        }
        body += "<h2>Recent events</h2>\n" + eventsTable(page.events, showService: false)
        return layout(title: service.name, caller: caller, body: body)
    }

    static func charts(_ page: ServicePage) -> [SVGChart] {
        let times = page.series.map(\.start)
        func chart(
            _ title: String, _ series: [SVGChart.Series], _ format: @escaping @Sendable (Double) -> String
        )
            -> SVGChart
        {
            SVGChart(title: title, start: page.start, end: page.end, times: times, series: series, formatValue: format)
        }
        return [
            chart(
                "Request rate", [.init(name: "req/s", color: "#0969da", values: page.series.map(\.requestRate))],
                { Format.rate($0) }),
            chart(
                "Error ratio", [.init(name: "errors", color: "#cf222e", values: page.series.map(\.errorRatio))],
                { Format.percent($0) }),
            chart(
                "Latency",
                [
                    .init(name: "p50", color: "#1a7f37", values: page.series.map(\.latencyP50)),
                    .init(name: "p95", color: "#9a6700", values: page.series.map(\.latencyP95)),
                    .init(name: "p99", color: "#cf222e", values: page.series.map(\.latencyP99)),
                ], { Format.latency($0) }),
            chart(
                "Saturation", [.init(name: "saturation", color: "#8250df", values: page.series.map(\.saturation))],
                { Format.plain($0) }),
        ]
    }

    static func targetsTable(_ targets: [TargetHealth]) -> String {
        guard !targets.isEmpty else { return "<p class=\"muted\">No scrape targets.</p>\n" }
        var html = """
            <table><thead><tr><th>Target</th><th>Health</th><th>Last scrape</th><th class="num">Duration</th>\
            <th class="num">Samples</th><th>Last error</th></tr></thead><tbody>

            """
        for target in targets {
            html += """
                <tr><td>\(HTML.escape(target.url))</td>\
                <td class="\(target.health.rawValue)">\(target.health.rawValue)</td>\
                <td>\(target.lastScrape.map(Format.time) ?? Format.dash)</td>\
                <td class="num">\(Format.latency(target.lastScrapeDurationSeconds))</td>\
                <td class="num">\(target.samplesScraped)</td>\
                <td>\(HTML.escape(target.lastError ?? ""))</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    static func eventsTable(_ events: [Event], showService: Bool) -> String {
        guard !events.isEmpty else { return "<p class=\"muted\">No events yet.</p>\n" }
        var html = "<table><thead><tr><th>Time (UTC)</th><th>Kind</th>"
        if showService { html += "<th>Service</th>" }
        html += "<th>Severity</th><th>Message</th></tr></thead><tbody>\n"
        for event in events {
            html += "<tr><td>\(Format.time(event.time))</td><td>\(HTML.escape(event.kind))</td>"
            if showService { html += "<td>\(event.service.map(serviceLink) ?? Format.dash)</td>" }
            html += """
                <td class="\(event.severity.rawValue)">\(event.severity.rawValue)</td>\
                <td>\(HTML.escape(event.message))</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    static func login(next: String, error: String?) -> String {
        var body = "<h1>Sign in</h1>\n"
        if let error { body += "<p class=\"error\">\(HTML.escape(error))</p>\n" }
        body += """
            <form class="login" method="post" action="/login">
            <label for="token">API token</label>
            <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
            <input type="hidden" name="next" value="\(HTML.escape(next))">
            <button type="submit">Sign in</button>
            <p class="muted">Tokens are made with <code>steady token</code>. The token is kept in an HttpOnly cookie.</p>
            </form>

            """
        return layout(title: "Sign in", caller: nil, body: body)
    }

    static func description(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "<br><span class=\"muted\">\(HTML.escape(text))</span>"
    }
}
