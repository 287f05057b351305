import ArgumentParser
import Foundation
import SteadyConfig
import SteadyModel

/// `steady check FILE…`: validates configuration files without starting anything.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate steady.yml files; prints file:line:column diagnostics and exits non-zero on errors."
    )

    @Argument(help: "Configuration files to check.")
    var files: [String] = ["steady.yml"]

    @OptionGroup var output: FormatOption

    func run() async throws {
        var failed = false
        var report: [[String: Any]] = []
        for file in files {
            var diagnostics: [ConfigDiagnostic] = []
            var services = 0
            var slos = 0
            do {
                let loaded = try ConfigLoader().load(path: file)
                diagnostics = loaded.warnings
                services = loaded.configuration.services.count
                slos = loaded.configuration.services.reduce(0) { $0 + $1.slos.count }
            } catch {
                diagnostics = error.diagnostics
                failed = true
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            switch output.format {
            case .table:
                for diagnostic in diagnostics {
                    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
                }
                if errors == 0 {
                    print("\(file): OK (\(services) services, \(slos) SLOs, \(diagnostics.count) warnings)")
                } else {
                    print("\(file): FAILED (\(errors) errors)")
                }
            case .json:
                report.append([
                    "file": file, "valid": errors == 0, "services": services, "slos": slos,
                    "diagnostics": diagnostics.map {
                        [
                            "file": $0.file, "line": $0.line, "column": $0.column, "severity": $0.severity.rawValue,
                            "message": $0.message,
                        ] as [String: Any]
                    },
                ])
            }
        }
        if output.format == .json { try Output.printJSONObject(report) }
        if failed { throw ExitCode(1) }
    }
}
