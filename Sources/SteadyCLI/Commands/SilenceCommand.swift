import ArgumentParser
import Foundation
import SteadyModel

/// `steady silence add|list|expire`: silences through Steady's Alertmanager API v2 (as `amtool silence` does).
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence", abstract: "Add, list and expire silences (like amtool silence).",
        subcommands: [Add.self, List.self, Expire.self])

    /// `steady silence add MATCHER… --duration 2h --comment …`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Silence alerts matching every matcher (responder token).")

        @Argument(help: "Alertmanager matchers, e.g. service=checkout 'alertname=~High.*'.")
        var matchers: [String]
        @Option(help: "How long, e.g. 30m, 2h, 1d.") var duration = "1h"
        @Option(help: "Why (shown to everyone who sees the silence).") var comment: String
        @Option(help: "Who (default: $USER).") var author: String?

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard !matchers.isEmpty else { throw ValidationError("give at least one matcher") }
            guard let length = PrometheusDuration.parse(duration), length > .zero else {
                throw ValidationError("--duration: expected a duration like 2h, found '\(duration)'")
            }
            _ = length
            _ = try Self.parsedMatchers(matchers)
        }

        static func parsedMatchers(_ texts: [String]) throws -> [LabelMatcher] {
            var result: [LabelMatcher] = []
            for text in texts {
                do {
                    result += try AlertMatcherParser.parse(text)
                } catch {
                    throw ValidationError("bad matcher '\(text)': \(error)")
                }
            }
            return result
        }

        func run() async throws {
            let length = PrometheusDuration.parse(duration) ?? .seconds(3600)
            let now = SystemWallClock().now
            let body: [String: Any] = [
                "matchers": try Self.parsedMatchers(matchers).map { matcher in
                    [
                        "name": matcher.name, "value": matcher.value,
                        "isRegex": matcher.op == .regexMatch || matcher.op == .regexNoMatch,
                        "isEqual": matcher.op == .equal || matcher.op == .regexMatch,
                    ] as [String: Any]
                },
                "startsAt": Timestamp.format(now), "endsAt": Timestamp.format(now.advanced(by: length)),
                "createdBy": author ?? ProcessInfo.processInfo.environment["USER"] ?? "steady",
                "comment": comment,
            ]
            let data = try await APIClient(options: api).post("/api/v2/silences", json: body)
            let object = try JSONSerialization.jsonObject(with: data)
            if output.format == .json {
                try Output.printJSONObject(object)
            } else {
                print((object as? [String: Any])?["silenceID"] as? String ?? "")
            }
        }
    }

    /// `steady silence list [MATCHER…] [--expired]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List active and pending silences (--expired for expired ones too).")

        @Argument(help: "Only silences that have exactly these matchers (Alertmanager's filter).")
        var matchers: [String] = []
        @Flag(help: "Include expired silences.") var expired = false

        @OptionGroup var api: APIOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let query = matchers.map { "filter=\($0.urlEncoded)" }.joined(separator: "&")
            let object = try await APIClient(options: api).getJSON("/api/v2/silences" + (query.isEmpty ? "" : "?" + query))
            let silences = (object as? [[String: Any]] ?? []).filter {
                expired || (($0["status"] as? [String: Any])?["state"] as? String) != "expired"
            }
            if output.format == .json {
                try Output.printJSONObject(silences)
                return
            }
            Output.printTable(
                headers: ["ID", "STATE", "MATCHERS", "ENDS AT", "CREATED BY", "COMMENT"],
                rows: silences.map { silence in
                    let matchers = (silence["matchers"] as? [[String: Any]] ?? []).map { matcher -> String in
                        let equal = matcher["isEqual"] as? Bool ?? true
                        let regex = matcher["isRegex"] as? Bool ?? false
                        let op = regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=")
                        return "\(matcher["name"] as? String ?? "")\(op)\"\(matcher["value"] as? String ?? "")\""
                    }
                    return [
                        silence["id"] as? String ?? "", (silence["status"] as? [String: Any])?["state"] as? String ?? "",
                        matchers.joined(separator: " "), silence["endsAt"] as? String ?? "",
                        silence["createdBy"] as? String ?? "", silence["comment"] as? String ?? "",
                    ]
                })
        }
    }

    /// `steady silence expire ID…`.
    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expire", abstract: "Expire silences now (responder token).")

        @Argument(help: "Silence ids.") var ids: [String]
        @OptionGroup var api: APIOptions

        func run() async throws {
            let client = APIClient(options: api)
            for id in ids {
                _ = try await client.delete("/api/v2/silence/\(id.urlEncoded)")
                print("expired \(id)")
            }
        }
    }
}
