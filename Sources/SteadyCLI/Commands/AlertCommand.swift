import ArgumentParser
import Foundation

/// `steady alert list|history`: alerts Steady holds (Alertmanager API v2) and the notification history.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "List alerts and the notification history.",
        subcommands: [List.self, History.self])

    /// `steady alert list [MATCHER…]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List firing alerts (like amtool alert query).")

        @Argument(help: "Alertmanager matchers, e.g. service=checkout 'severity=~page|ticket'.")
        var matchers: [String] = []
        @Flag(help: "Include silenced and inhibited alerts (hidden by default).") var all = false

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            var query = matchers.map { "filter=\($0.urlEncoded)" }
            if !all { query += ["silenced=false", "inhibited=false"] }
            let object = try await APIClient(options: api).getJSON("/api/v2/alerts?" + query.joined(separator: "&"))
            if output.format == .json {
                try Output.printJSONObject(object)
                return
            }
            let alerts = object as? [[String: Any]] ?? []
            Output.printTable(
                headers: ["ALERTNAME", "STARTS AT", "STATE", "RECEIVERS", "LABELS"],
                rows: alerts.map { alert in
                    let labels = alert["labels"] as? [String: String] ?? [:]
                    let status = alert["status"] as? [String: Any] ?? [:]
                    let receivers = (alert["receivers"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                    return [
                        labels["alertname"] ?? "", alert["startsAt"] as? String ?? "", status["state"] as? String ?? "",
                        receivers.joined(separator: ","),
                        labels.filter { $0.key != "alertname" }.sorted { $0.key < $1.key }
                            .map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                    ]
                })
        }
    }

    /// `steady alert history`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Show notifications sent (or being retried), newest first.")

        @Option(help: "Only this receiver.") var receiver: String?
        @Option(help: "Only pending, delivered or failed notifications.") var state: String?
        @Option(help: "How many.") var limit: Int = 50

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            var query = ["limit=\(limit)"]
            if let receiver { query.append("receiver=\(receiver.urlEncoded)") }
            if let state { query.append("state=\(state.urlEncoded)") }
            let object = try await APIClient(options: api).getJSON(
                "/api/v1/notifications?" + query.joined(separator: "&"))
            if output.format == .json {
                try Output.printJSONObject(object)
                return
            }
            let items = (object as? [String: Any])?["notifications"] as? [[String: Any]] ?? []
            Output.printTable(
                headers: ["CREATED", "RECEIVER", "INTEGRATION", "STATUS", "STATE", "ATTEMPTS", "ALERTS", "LAST ERROR"],
                rows: items.map { item in
                    [
                        "\(item["createdAt"] ?? "")", item["receiver"] as? String ?? "",
                        item["integration"] as? String ?? "", item["status"] as? String ?? "",
                        item["state"] as? String ?? "", "\(item["attempts"] ?? 0)",
                        "\((item["alerts"] as? [Any])?.count ?? 0)", item["lastError"] as? String ?? "",
                    ]
                })
        }
    }
}
