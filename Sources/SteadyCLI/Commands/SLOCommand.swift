import ArgumentParser
import Foundation
import SteadyConfig
import SteadyModel
import SteadySLO
import SteadyServer

/// `steady slo …`: SLO status, reports, deploy gates, and SLO formats.
struct SLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo", abstract: "SLOs: status, reports, deploy gates, rules export, import/export, tests.",
        subcommands: [
            SLOListCommand.self, SLOReportCommand.self, SLOGateCommand.self, SLORulesCommand.self,
            SLOImportCommand.self, SLOExportCommand.self, SLOTestCommand.self,
        ])
}

enum SLOClient {
    static func statuses(_ api: APIOptions, service: String?) async throws -> [SLOStatus] {
        var path = "/api/v1/slos"
        if let service { path += "?service=\(service.urlEncoded)" }
        let data = try await APIClient(options: api).get(path)
        struct Body: Decodable { var slos: [SLOStatus] }
        return try JSONDecoder().decode(Body.self, from: data).slos
    }

    /// `service/name` → the API path of that SLO.
    static func path(_ id: String) throws -> String {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("expected SERVICE/SLO, like checkout/availability (got \"\(id)\")")
        }
        return "/api/v1/slos/\(String(parts[0]).urlEncoded)/\(String(parts[1]).urlEncoded)"
    }
}

/// `steady slo list`.
struct SLOListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List SLOs with their SLI, remaining budget, burn rate and alerts.")

    @Option(help: "Only this service.") var service: String?
    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let statuses = try await SLOClient.statuses(api, service: service)
        if output.format == .json {
            try Output.printJSON(statuses)
            return
        }
        Output.printTable(
            headers: ["SLO", "OBJECTIVE", "PERIOD", "SLI", "BUDGET LEFT", "BURN 1H", "ALERTS", "GATE"],
            rows: statuses.map { status in
                [
                    status.slo, SLOText.percent(status.sloTarget), status.period,
                    SLOText.percent(status.sliMeasurement),
                    SLOText.percent(status.errorBudgetRemainingRatio, digits: 1),
                    SLOText.rate(status.currentBurnRate),
                    status.alerts.isEmpty ? "-" : status.alerts.map(SLOText.alertName).joined(separator: ","),
                    status.gate.allowed ? "open" : "frozen",
                ]
            })
    }
}

/// `steady slo report`.
struct SLOReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compliance report: SLI, error budget and burn rate per SLO and window.")

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    @Option(help: "Only this service.") var service: String?
    @Option(
        help: "Which window the summary columns use: period (default) or an alert window such as 1h, 1d, 3d.")
    var period: String = "period"
    @Option(help: "Output format: table, json or markdown.") var format: ReportFormat = .table
    @OptionGroup var api: APIOptions

    func run() async throws {
        let statuses = try await SLOClient.statuses(api, service: service)
        switch format {
        case .json:
            try Output.printJSON(statuses)
        case .markdown:
            print(SLOReport.markdown(statuses, window: period))
        case .table:
            for status in statuses {
                print(SLOReport.header(status))
                Output.printTable(
                    headers: ["WINDOW", "GOOD", "BAD", "SLI", "BURN RATE", "ALERT AT"],
                    rows: status.windows.map { window in
                        [
                            window.window, SLOText.count(window.goodEventsCount), SLOText.count(window.badEventsCount),
                            SLOText.percent(window.sliMeasurement), SLOText.rate(window.errorBudgetBurnRate),
                            window.alertingBurnRateThreshold.map { SLOText.rate($0) + "×" } ?? "-",
                        ]
                    })
                print("")
            }
            if statuses.isEmpty { print("no SLOs configured") }
        }
        if period != "period",
            !statuses.allSatisfy({ status in status.windows.contains { $0.window == period } })
        {
            throw ValidationError(
                "--period \(period) is not a window of every SLO (use period, or one of the ALERT windows)")
        }
    }
}

/// `steady slo gate SERVICE/SLO`: exit 0 when deploys may proceed, 1 when the budget policy freezes them.
struct SLOGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Check the error-budget deploy gate: exit 0 when open, 1 when deploys are frozen.")

    @Argument(help: "SERVICE/SLO, e.g. checkout/availability.") var slo: String
    @OptionGroup var api: APIOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let data = try await APIClient(options: api).get(try SLOClient.path(slo) + "/gate")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let allowed = object["allowed"] as? Bool ?? false
        if output.format == .json {
            try Output.printJSONObject(object)
        } else {
            print("\(slo): \(allowed ? "OPEN" : "FROZEN") — \(object["reason"] as? String ?? "")")
        }
        if !allowed { throw ExitCode(1) }
    }
}

/// `steady slo rules`: Prometheus rules for every SLO of a config file.
struct SLORulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Write Prometheus recording and alerting rules for every SLO (passes promtool check rules).")

    @Option(name: .shortAndLong, help: "The configuration file.") var config: String = "steady.yml"
    @Option(help: "Series names: steady, or sloth for Sloth-compatible names.") var naming: String = "steady"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        guard naming == "steady" || naming == "sloth" else {
            throw ValidationError("--naming must be steady or sloth")
        }
        let slos = try ConfigLoader().load(path: config).configuration.services.flatMap(\.slos)
        try SLOText.write(try SLOFormats.rules(for: slos, slothNames: naming == "sloth"), to: output)
    }
}

/// `steady slo import FILE`: Sloth, OpenSLO or Pyrra specs → Steady's `services:` YAML.
struct SLOImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert Sloth (prometheus/v1 or CRD), OpenSLO v1 or Pyrra specs into steady.yml services.")

    @Argument(help: "The spec file.") var file: String
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        try SLOText.write(try SLOFormats.convert(text, fileName: file), to: output)
    }
}

/// `steady slo export`: every SLO as OpenSLO v1.
struct SLOExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export every SLO of a config file as OpenSLO v1 YAML.")

    @Option(name: .shortAndLong, help: "The configuration file.") var config: String = "steady.yml"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        let slos = try ConfigLoader().load(path: config).configuration.services.flatMap(\.slos)
        try SLOText.write(try SLOFormats.openSLO(slos), to: output)
    }
}

/// Formatting shared by the SLO commands.
enum SLOText {
    static func percent(_ value: Double?, digits: Int = 3) -> String {
        guard let value, value.isFinite else { return "-" }
        var text = String(format: "%.\(digits)f", value * 100)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + "%"
    }

    static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: value >= 10 ? "%.1f" : "%.2f", value)
    }

    static func count(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }

    static func alertName(_ alert: SLOAlert) -> String {
        switch alert.name {
        case SLOAlert.burnRateAlertName: alert.labels["tier"] ?? "burn"
        case SLOAlert.exhaustedAlertName: "exhausted"
        case SLOAlert.noDataAlertName: "no-data"
        default: alert.name
        }
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let total = Int64(seconds.rounded())
        if total >= 86_400 { return "\(total / 86_400)d\((total % 86_400) / 3600)h" }
        if total >= 3600 { return "\(total / 3600)h\((total % 3600) / 60)m" }
        return "\(total / 60)m"
    }

    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
    }
}

/// The compliance report.
enum SLOReport {
    static func header(_ status: SLOStatus) -> String {
        var lines = [
            "\(status.slo) — objective \(SLOText.percent(status.sloTarget)) over \(status.period) "
                + "(\(status.budgetingMethod))",
            "  SLI \(SLOText.percent(status.sliMeasurement)); budget left "
                + "\(SLOText.percent(status.errorBudgetRemainingRatio, digits: 1)) "
                + "(\(String(format: "%.1f", status.errorBudgetRemainingMinutes)) of "
                + "\(String(format: "%.1f", status.errorBudgetMinutes)) minutes); burn 1h "
                + "\(SLOText.rate(status.currentBurnRate)); exhausted in "
                + "\(SLOText.duration(status.timeToExhaustionSeconds))",
            "  gate: \(status.gate.allowed ? "open" : "FROZEN") — \(status.gate.reason)",
        ]
        for alert in status.alerts {
            lines.append(
                "  ALERT \(alert.name) [\(alert.labels["severity"] ?? "")] \(alert.annotations["description"] ?? "")")
        }
        for problem in status.problems { lines.append("  note: \(problem)") }
        return lines.joined(separator: "\n")
    }

    static func markdown(_ statuses: [SLOStatus], window: String) -> String {
        var lines = [
            "# SLO report",
            "",
            "| SLO | Objective | Period | SLI (\(window)) | Budget left | Budget minutes left | Burn 1h | Alerts | Gate |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for status in statuses {
            let sli = status.windows.first { $0.window == window }?.sliMeasurement
            lines.append(
                "| \(status.slo) | \(SLOText.percent(status.sloTarget)) | \(status.period) | \(SLOText.percent(sli)) | "
                    + "\(SLOText.percent(status.errorBudgetRemainingRatio, digits: 1)) | "
                    + "\(String(format: "%.1f", status.errorBudgetRemainingMinutes)) | "
                    + "\(SLOText.rate(status.currentBurnRate)) | "
                    + "\(status.alerts.isEmpty ? "none" : status.alerts.map(SLOText.alertName).joined(separator: ", ")) | "
                    + "\(status.gate.allowed ? "open" : "**frozen**") |")
        }
        for status in statuses where !status.alerts.isEmpty || !status.problems.isEmpty {
            lines.append("")
            lines.append("## \(status.slo)")
            for alert in status.alerts {
                lines.append(
                    "- **\(alert.name)** (\(alert.labels["severity"] ?? "")): \(alert.annotations["description"] ?? "")"
                )
            }
            for problem in status.problems { lines.append("- note: \(problem)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// `steady slo test FILE…`: promtool-format SLO alert tests run by Steady's engine in simulated time.
struct SLOTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run promtool-format unit tests (input_series, alert_rule_test) through Steady's SLO engine.",
        discussion: """
            The same files run through `promtool test rules` against the rules `steady slo rules` writes; \
            rule_files is ignored here. Exit status 1 when an expectation fails.
            """)

    @Argument(help: "Test files in promtool's format.") var files: [String]
    @Option(name: .shortAndLong, help: "The configuration file with the SLOs.") var config: String = "steady.yml"
    @OptionGroup var output: FormatOption

    func run() async throws {
        let slos = try ConfigLoader().load(path: config).configuration.services.flatMap(\.slos)
        let runner = SLORuleTestRunner(slos: slos)
        var failed = false
        var results: [[String: Any]] = []
        for file in files {
            let report = runner.run(try RuleTestParser.load(path: file))
            failed = failed || !report.passed
            if output.format == .json {
                results.append(["file": file, "checked": report.checked, "failures": report.failures])
            } else {
                print("\(file): \(report.passed ? "SUCCESS" : "FAILED") (\(report.checked) alert tests)")
                for failure in report.failures { print("  \(failure)") }
            }
        }
        if output.format == .json { try Output.printJSONObject(results) }
        if failed { throw ExitCode(1) }
    }
}
