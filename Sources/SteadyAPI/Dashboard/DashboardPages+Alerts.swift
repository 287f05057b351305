import SteadyModel

extension DashboardPages {
    /// Firing alerts: name, labels, since, receivers, state (silenced/inhibited shown as suppressed).
    static func alertsTable(_ states: [AlertAccess.AlertState], now: WallInstant) -> String {
        let firing = states.filter { !$0.alert.isResolved(at: now) }
            .sorted { ($0.alert.startsAt, $0.alert.name) > ($1.alert.startsAt, $1.alert.name) }
        guard !firing.isEmpty else { return "<p class=\"muted\">No alerts are firing.</p>\n" }
        var html = """
            <table><thead><tr><th>Alert</th><th>Labels</th><th>Since</th><th>Receivers</th><th>State</th></tr>\
            </thead><tbody>

            """
        for state in firing {
            let alert = state.alert
            let severity =
                ["critical", "page", "error"].contains(alert.labels["severity"] ?? "") ? "critical" : "warning"
            let labels = alert.labels.filter { $0.name != "alertname" }
                .map { "<code>\(HTML.escape($0.name))=\(HTML.escape($0.value))</code>" }.joined(separator: " ")
            let summary = alert.annotations["summary"] ?? alert.annotations["description"]
            let suppressed =
                !state.silencedBy.isEmpty
                ? "<span class=\"muted\">silenced</span>"
                : (!state.inhibitedBy.isEmpty
                    ? "<span class=\"muted\">inhibited</span>" : "<span class=\"\(severity)\">active</span>")
            html += """
                <tr><td><span class="\(severity)">\(HTML.escape(alert.name))</span>\(description(summary))</td>\
                <td>\(labels)</td><td>\(HTML.escape(Timestamp.format(alert.startsAt)))</td>\
                <td>\(HTML.escape(state.receivers.joined(separator: ", ")))</td><td>\(suppressed)</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    /// The notification history: when, where, what, and how delivery went.
    static func notificationsTable(_ items: [OutboxItem]) -> String {
        guard !items.isEmpty else { return "<p class=\"muted\">No notifications yet.</p>\n" }
        var html = """
            <table><thead><tr><th>Created</th><th>Receiver</th><th>Group</th><th>Status</th><th>Delivery</th>\
            <th class="num">Attempts</th><th>Last error</th></tr></thead><tbody>

            """
        for item in items {
            let stateClass =
                switch item.state {
                case .delivered: "up"
                case .pending: "warning"
                case .failed: "critical"
                }
            html += """
                <tr><td>\(HTML.escape(Timestamp.format(item.createdAt)))</td>\
                <td>\(HTML.escape(item.receiver)) <span class="muted">\(HTML.escape(item.integration))</span></td>\
                <td><code>\(HTML.escape(item.notification.groupKey))</code></td>\
                <td>\(HTML.escape(item.notification.status)) (\(item.notification.alerts.count))</td>\
                <td class="\(stateClass)">\(item.state.rawValue)</td><td class="num">\(item.attempts)</td>\
                <td>\(HTML.escape(item.lastError ?? ""))</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    static func alerts(
        states: [AlertAccess.AlertState], notifications: [OutboxItem], heartbeats: [HeartbeatStatus] = [],
        probes: [ProbeStatus] = [], maintenance: [MaintenanceAccess.Listed] = [], now: WallInstant, caller: Caller
    ) -> String {
        var body = "<h1>Alerts</h1>\n" + alertsTable(states, now: now)
        body += "<h2>Maintenance windows</h2>\n" + maintenanceTable(maintenance)
        body += "<h2>Heartbeats</h2>\n" + heartbeatsTable(heartbeats)
        body += "<h2>Probes</h2>\n" + probesTable(probes)
        body += "<h2>Notifications</h2>\n" + notificationsTable(notifications)
        return layout(title: "Alerts", caller: caller, body: body)
    }
}
