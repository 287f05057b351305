import SteadyModel

extension DashboardPages {
    /// Heartbeats: state, schedule, last ping and when the next one is due.
    static func heartbeatsTable(_ heartbeats: [HeartbeatStatus]) -> String {
        guard !heartbeats.isEmpty else { return "<p class=\"muted\">No heartbeats are configured.</p>\n" }
        var html = """
            <table><thead><tr><th>Heartbeat</th><th>State</th><th>Schedule</th><th>Last ping</th>\
            <th>Next expected</th><th>Last message</th></tr></thead><tbody>

            """
        for heartbeat in heartbeats {
            let stateClass =
                switch heartbeat.state {
                case .up, .started: "up"
                case .new, .late: "warning"
                case .down: "critical"
                }
            html += """
                <tr><td>\(HTML.escape(heartbeat.name))</td>\
                <td class="\(stateClass)">\(heartbeat.state.rawValue)</td>\
                <td><code>\(HTML.escape(heartbeat.schedule))</code></td>\
                <td>\(HTML.escape(heartbeat.lastPing.map(Timestamp.format) ?? "never"))</td>\
                <td>\(HTML.escape(heartbeat.nextExpected.map(Timestamp.format) ?? "-"))</td>\
                <td>\(HTML.escape(String((heartbeat.lastMessage ?? "").prefix(120))))</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    /// Maintenance windows: matchers, schedule, whether they mute right now.
    static func maintenanceTable(_ windows: [MaintenanceAccess.Listed]) -> String {
        guard !windows.isEmpty else { return "<p class=\"muted\">No maintenance windows.</p>\n" }
        var html = """
            <table><thead><tr><th>Matchers</th><th>When</th><th>Now</th><th>Ends</th><th>Comment</th></tr></thead>\
            <tbody>

            """
        for listed in windows {
            let window = listed.window
            html += """
                <tr><td><code>\(HTML.escape(window.matchers.map(\.description).joined(separator: " ")))</code></td>\
                <td><code>\(HTML.escape(window.timeIntervalsJSON))</code></td>\
                <td class="\(listed.activeNow ? "warning" : "muted")">\(listed.activeNow ? "muting" : "idle")</td>\
                <td>\(HTML.escape(window.endsAt.map(Timestamp.format) ?? "-"))</td>\
                <td>\(HTML.escape(window.comment)) <span class="muted">\(HTML.escape(window.createdBy))</span></td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    /// Probes: up or down, latency, status code, certificate expiry.
    static func probesTable(_ probes: [ProbeStatus]) -> String {
        guard !probes.isEmpty else { return "<p class=\"muted\">No probes are configured.</p>\n" }
        var html = """
            <table><thead><tr><th>Probe</th><th>Target</th><th>State</th><th class="num">Latency</th>\
            <th>Certificate expires</th><th>Last error</th></tr></thead><tbody>

            """
        for probe in probes {
            let (stateClass, state) =
                switch probe.up {
                case true?: ("up", "up")
                case false?: ("critical", "down")
                case nil: ("muted", "pending")
                }
            let latency = Format.latency(probe.lastLatencySeconds)
            html += """
                <tr><td>\(HTML.escape(probe.name))</td>\
                <td><code>\(HTML.escape(probe.kind)) \(HTML.escape(probe.target))</code></td>\
                <td class="\(stateClass)">\(state)</td><td class="num">\(latency)</td>\
                <td>\(HTML.escape(probe.certificateNotAfter.map(Timestamp.format) ?? "-"))</td>\
                <td>\(HTML.escape(probe.lastError ?? ""))</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }
}
