import ArgumentParser
import Foundation

/// `steady services [NAME]`: services with their golden signals.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "List services and their golden signals, or show one.")

    @Argument(help: "A service to show in detail.")
    var name: String?

    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let client = APIClient(options: api)
        if let name {
            let object = try await client.getJSON("/api/v1/services/\(name.urlEncoded)")
            try Output.printJSONObject(object)
            return
        }
        let object = try await client.getJSON("/api/v1/services")
        if output.format == .json {
            try Output.printJSONObject(object)
            return
        }
        let services = (object as? [String: Any])?["services"] as? [[String: Any]] ?? []
        Output.printTable(
            headers: ["SERVICE", "TARGETS UP", "REQ/S", "ERRORS", "P50", "P95", "P99", "SATURATION"],
            rows: services.map { service in
                let signals = service["signals"] as? [String: Any] ?? [:]
                let targets = service["targets"] as? [String: Any] ?? [:]
                return [
                    service["name"] as? String ?? "",
                    "\(targets["up"] ?? "?")/\(targets["total"] ?? "?")",
                    Format.number(signals["requestRate"]),
                    Format.percent(signals["errorRatio"]),
                    Format.seconds(signals["latencyP50"]),
                    Format.seconds(signals["latencyP95"]),
                    Format.seconds(signals["latencyP99"]),
                    Format.number(signals["saturation"]),
                ]
            })
    }
}

/// `steady targets`: scrape health.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "targets", abstract: "Show scrape targets and health.")

    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let object = try await APIClient(options: api).getJSON("/api/v1/targets")
        if output.format == .json {
            try Output.printJSONObject(object)
            return
        }
        let targets = (object as? [String: Any])?["targets"] as? [[String: Any]] ?? []
        Output.printTable(
            headers: ["SERVICE", "URL", "HEALTH", "LAST SCRAPE", "DURATION", "ERROR"],
            rows: targets.map {
                [
                    $0["service"] as? String ?? "", $0["url"] as? String ?? "", $0["health"] as? String ?? "",
                    "\($0["lastScrape"] ?? "-")", Format.seconds($0["lastScrapeDurationSeconds"]),
                    $0["lastError"] as? String ?? "",
                ]
            })
    }
}

/// `steady events`: the event log.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Show the event log, newest first.")

    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this kind (or a prefix ending in '.').") var kind: String?
    @Option(help: "How many.") var limit: Int = 50

    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        var query = "?limit=\(limit)"
        if let service { query += "&service=\(service.urlEncoded)" }
        if let kind { query += "&kind=\(kind.urlEncoded)" }
        let object = try await APIClient(options: api).getJSON("/api/v1/events" + query)
        if output.format == .json {
            try Output.printJSONObject(object)
            return
        }
        let events = (object as? [String: Any])?["events"] as? [[String: Any]] ?? []
        Output.printTable(
            headers: ["TIME", "KIND", "SEVERITY", "SERVICE", "MESSAGE"],
            rows: events.map {
                [
                    "\($0["time"] ?? "")", $0["kind"] as? String ?? "", $0["severity"] as? String ?? "",
                    $0["service"] as? String ?? "", $0["message"] as? String ?? "",
                ]
            })
    }
}

/// `steady reload`: asks a running server to re-read its configuration.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload", abstract: "Ask a running Steady to reload its configuration (admin token).")

    @OptionGroup var api: APIOptions

    func run() async throws {
        let data = try await APIClient(options: api).post("/-/reload")
        print(String(decoding: data, as: UTF8.self))
    }
}

enum Format {
    static func number(_ value: Any?) -> String {
        guard let double = value as? Double else { return "-" }
        return String(format: "%.2f", double)
    }

    static func percent(_ value: Any?) -> String {
        guard let double = value as? Double else { return "-" }
        return String(format: "%.3f%%", double * 100)
    }

    static func seconds(_ value: Any?) -> String {
        guard let double = value as? Double else { return "-" }
        return double < 1 ? String(format: "%.1fms", double * 1000) : String(format: "%.2fs", double)
    }
}
