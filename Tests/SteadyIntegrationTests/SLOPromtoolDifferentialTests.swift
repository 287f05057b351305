import Foundation
import SteadyConfig
import SteadyModel
import SteadySLO
import Testing

/// The same SLO scenarios through Steady's engine and, on the exported rules, through `promtool test rules`
/// (Prometheus 2.42 from Debian; scripts/install-test-deps.sh installs it). Both must pass every file, and both
/// must fail a file whose expectation is wrong.
@Suite("SLO rules vs promtool")
struct SLOPromtoolDifferentialTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/slo-scenarios")

    static var scenarioFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasSuffix(".test.yml") }.sorted()
    }

    func slos() throws -> [SLOSpec] {
        try ConfigLoader().load(path: Self.fixtures.appendingPathComponent("steady.yml").path)
            .configuration.services.flatMap(\.slos)
    }

    @Test("there are scenarios to compare")
    func scenariosExist() {
        #expect(Self.scenarioFiles.count >= 4)
    }

    @Test("Steady's engine and promtool agree on every scenario", arguments: scenarioFiles)
    func agree(_ name: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let slos = try slos()
        let steady = SLORuleTestRunner(slos: slos).run(try RuleTestParser.parse(yaml: text, file: name))
        #expect(steady.failures == [])
        #expect(steady.checked > 0)
        let promtool = try Promtool.testRules(testFile: text, rules: PrometheusRuleExporter().rules(for: slos))
        #expect(promtool.passed, "\(promtool.output)")
    }

    @Test("a wrong expectation fails in both")
    func bothFailAWrongExpectation() throws {
        let original = try String(
            contentsOf: Self.fixtures.appendingPathComponent("outage.test.yml"), encoding: .utf8)
        // Expect silence one minute into the outage instead of before it.
        let wrong = original.replacingOccurrences(of: "eval_time: 120m", with: "eval_time: 121m")
        #expect(wrong != original)
        let slos = try slos()
        let steady = SLORuleTestRunner(slos: slos).run(try RuleTestParser.parse(yaml: wrong, file: "wrong.yml"))
        #expect(steady.failures.count == 1)
        let promtool = try Promtool.testRules(testFile: wrong, rules: PrometheusRuleExporter().rules(for: slos))
        #expect(!promtool.passed)
    }

    @Test("Sloth-compatible names pass promtool check rules", arguments: PrometheusRuleExporter.Naming.allCases)
    func checkRules(_ naming: PrometheusRuleExporter.Naming) throws {
        let result = try Promtool.checkRules(PrometheusRuleExporter(naming: naming).rules(for: slos()))
        #expect(result.passed, "\(result.output)")
    }
}

/// Runs the Debian `promtool` on files in a temporary directory.
enum Promtool {
    struct Result {
        var passed: Bool
        var output: String
    }

    static func testRules(testFile: String, rules: String) throws -> Result {
        try run(["test", "rules", "scenario.test.yml"], files: ["scenario.test.yml": testFile, "rules.yml": rules])
    }

    static func checkRules(_ rules: String) throws -> Result {
        try run(["check", "rules", "rules.yml"], files: ["rules.yml": rules])
    }

    private static func run(_ arguments: [String], files: [String: String]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let path = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let path else {
            Issue.record("promtool is not installed; run scripts/install-test-deps.sh (CI does)")
            return Result(passed: false, output: "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(passed: process.terminationStatus == 0, output: String(decoding: data, as: UTF8.self))
    }
}
