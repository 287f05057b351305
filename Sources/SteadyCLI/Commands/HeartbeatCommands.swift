import ArgumentParser
import Foundation

/// `steady heartbeats`: the configured heartbeats and their state.
struct HeartbeatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeats", abstract: "Show heartbeats (jobs that ping Steady) and their state.")

    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let object = try await APIClient(options: api).getJSON("/api/v1/heartbeats")
        if output.format == .json {
            try Output.printJSONObject(object)
            return
        }
        let heartbeats = (object as? [String: Any])?["heartbeats"] as? [[String: Any]] ?? []
        Output.printTable(
            headers: ["NAME", "STATE", "SCHEDULE", "LAST PING", "NEXT EXPECTED", "PING URL PATH"],
            rows: heartbeats.map {
                [
                    $0["name"] as? String ?? "", $0["state"] as? String ?? "", $0["schedule"] as? String ?? "",
                    "\($0["lastPing"] ?? "never")", "\($0["nextExpected"] ?? "-")",
                    "/ping/\($0["uuid"] as? String ?? "")",
                ]
            })
    }
}

/// `steady probes`: HTTP/TCP probes with their latest result.
struct ProbesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probes", abstract: "Show HTTP/TCP probes, their latest result and certificate expiry.")

    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let object = try await APIClient(options: api).getJSON("/api/v1/probes")
        if output.format == .json {
            try Output.printJSONObject(object)
            return
        }
        let probes = (object as? [String: Any])?["probes"] as? [[String: Any]] ?? []
        Output.printTable(
            headers: ["NAME", "TARGET", "STATE", "LATENCY", "STATUS", "CERT EXPIRES", "ERROR"],
            rows: probes.map {
                let state =
                    switch $0["up"] as? Bool {
                    case true?: "up"
                    case false?: "down"
                    case nil: "pending"
                    }
                return [
                    $0["name"] as? String ?? "", "\($0["kind"] as? String ?? "") \($0["target"] as? String ?? "")",
                    state, Format.seconds($0["lastLatencySeconds"]), "\($0["lastStatusCode"] ?? "-")",
                    "\($0["certificateNotAfter"] ?? "-")", $0["lastError"] as? String ?? "",
                ]
            })
    }
}
