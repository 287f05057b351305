import ArgumentParser
import Foundation
import SteadyAlerting
import SteadyConfig
import SteadyModel

/// `steady routes test label=value…`: where an alert goes, answered like `amtool config routes test`.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes", abstract: "Inspect the alert routing tree.", subcommands: [RoutesTestCommand.self])
}

struct RoutesTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Print the receivers an alert with these labels is routed to (like amtool config routes test).")

    @Argument(help: "Labels of the alert, as name=value.") var labels: [String] = []
    @Option(name: .shortAndLong, help: "A steady.yml with a route section.") var config: String = "steady.yml"
    @Option(help: "Read the route from an Alertmanager configuration file instead.") var alertmanagerConfig: String?
    @Option(help: "Exit 1 unless the receivers are exactly these (comma-separated).") var verifyReceivers: String?
    @OptionGroup var output: FormatOption

    func run() async throws {
        var pairs: [String: String] = [:]
        for label in labels {
            guard let equals = label.firstIndex(of: "="), equals != label.startIndex else {
                throw ValidationError("expected name=value, found \"\(label)\"")
            }
            var value = String(label[label.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            pairs[String(label[..<equals])] = value
        }
        let route: AlertRoute
        if let path = alertmanagerConfig {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("cannot read \(path): \(error.localizedDescription)")
            }
            route = try AlertRouteParser.parseAlertmanagerConfig(yaml: text, file: path)
        } else {
            let loaded = try ConfigLoader().load(path: config)
            guard let section = loaded.configuration.passthrough["route"] else {
                throw ValidationError("\(config) has no route section")
            }
            route = try AlertRouteParser.parse(yaml: section, file: config)
        }
        let matches = RouteTree(root: route).match(Labels(pairs))
        let receivers = matches.map(\.receiver).joined(separator: ",")
        if output.format == .json {
            try Output.printJSONObject(
                matches.map { node in
                    [
                        "receiver": node.receiver, "route": node.path.map(String.init).joined(separator: "."),
                        "group_by": node.groupByAll ? ["..."] : node.groupBy,
                        "group_wait_seconds": node.groupWait.seconds,
                        "group_interval_seconds": node.groupInterval.seconds,
                        "repeat_interval_seconds": node.repeatInterval.seconds,
                    ] as [String: Any]
                })
        } else {
            print(receivers)
        }
        if let verifyReceivers, verifyReceivers != receivers {
            FileHandle.standardError.write(
                Data("WARNING: expected receivers \"\(verifyReceivers)\", got \"\(receivers)\"\n".utf8))
            throw ExitCode(1)
        }
    }
}
