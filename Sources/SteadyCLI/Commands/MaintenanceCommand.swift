import ArgumentParser
import Foundation

/// `steady maintenance add|list|delete`: recurring maintenance windows (alerts matching the matchers are muted
/// whenever the time is inside the window's time intervals).
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance", abstract: "Add, list and delete recurring maintenance windows.",
        subcommands: [Add.self, List.self, Delete.self])

    /// `steady maintenance add MATCHER… --weekdays saturday --times 02:00-04:00 --location Europe/Berlin --comment …`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Mute matching alerts during a recurring window (responder token).")

        @Argument(help: "Alertmanager matchers, e.g. service=db.") var matchers: [String]
        @Option(help: "Weekdays or ranges, comma-separated (monday:friday,sunday).") var weekdays: String?
        @Option(help: "Time ranges, comma-separated (02:00-04:00,22:00-23:30).") var times: String?
        @Option(help: "Days of the month or ranges (1,15 or -1 for the last day).") var daysOfMonth: String?
        @Option(help: "Months or ranges (january:march).") var months: String?
        @Option(help: "IANA time zone of the times (default UTC).") var location: String?
        @Option(help: "Stop applying the window at this RFC 3339 time.") var until: String?
        @Option(help: "Why.") var comment: String

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard !matchers.isEmpty else { throw ValidationError("give at least one matcher") }
            guard weekdays != nil || times != nil || daysOfMonth != nil || months != nil else {
                throw ValidationError("give at least one of --weekdays, --times, --days-of-month, --months")
            }
        }

        static func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }

        func run() async throws {
            var interval: [String: Any] = [:]
            if let weekdays = Self.list(weekdays) { interval["weekdays"] = weekdays }
            if let months = Self.list(months) { interval["months"] = months }
            if let days = Self.list(daysOfMonth) { interval["days_of_month"] = days }
            if let location { interval["location"] = location }
            if let times = Self.list(times) {
                var ranges: [[String: String]] = []
                for range in times {
                    let parts = range.split(separator: "-", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else {
                        throw ValidationError("--times: expected ranges like 02:00-04:00, found '\(range)'")
                    }
                    ranges.append(["start_time": parts[0], "end_time": parts[1]])
                }
                interval["times"] = ranges
            }
            var body: [String: Any] = ["matchers": matchers, "time_intervals": [interval], "comment": comment]
            if let until { body["endsAt"] = until }
            let data = try await APIClient(options: api).post("/api/v1/maintenance", json: body)
            let object = try JSONSerialization.jsonObject(with: data)
            if output.format == .json {
                try Output.printJSONObject(object)
            } else {
                print((object as? [String: Any])?["id"] as? String ?? "")
            }
        }
    }

    /// `steady maintenance list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List maintenance windows.")

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let object = try await APIClient(options: api).getJSON("/api/v1/maintenance")
            if output.format == .json {
                try Output.printJSONObject(object)
                return
            }
            let windows = (object as? [String: Any])?["windows"] as? [[String: Any]] ?? []
            Output.printTable(
                headers: ["ID", "ACTIVE NOW", "MATCHERS", "WHEN", "ENDS AT", "COMMENT"],
                rows: windows.map { window in
                    let when = (try? JSONSerialization.data(
                        withJSONObject: window["time_intervals"] ?? [], options: [.sortedKeys]))
                        .map { String(decoding: $0, as: UTF8.self) } ?? ""
                    return [
                        window["id"] as? String ?? "", (window["activeNow"] as? Bool ?? false) ? "yes" : "no",
                        (window["matchers"] as? [String] ?? []).joined(separator: " "), when,
                        window["endsAt"] as? String ?? "-", window["comment"] as? String ?? "",
                    ]
                })
        }
    }

    /// `steady maintenance delete ID…`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete maintenance windows (responder token).")

        @Argument(help: "Window ids.") var ids: [String]
        @OptionGroup var api: APIOptions

        func run() async throws {
            let client = APIClient(options: api)
            for id in ids {
                _ = try await client.delete("/api/v1/maintenance/\(id.urlEncoded)")
                print("deleted \(id)")
            }
        }
    }
}
