import Foundation

/// Runs scripts/conformance/re2_match.py (RE2 itself, through google-re2) with the Python of the venv that
/// scripts/install-test-deps.sh creates (`$STEADY_PYVENV`, default `~/.cache/steady-pyvenv`).
enum RE2Oracle {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    struct Case: Encodable {
        let pattern: String
        let inputs: [String]
        /// `.` matches a newline (PromQL's `^(?s:re)$`); false for Alertmanager's `^(?:re)$`.
        var dotNewline = true

        private enum CodingKeys: String, CodingKey {
            case pattern, inputs
            case dotNewline = "dot_nl"
        }
    }

    struct Result: Decodable {
        /// RE2's message when the pattern does not compile.
        let error: String?
        let matches: [Bool]
    }

    private struct Request: Encodable { let cases: [Case] }
    private struct Response: Decodable { let results: [Result] }

    static func match(_ cases: [Case]) throws -> [Result] {
        let environment = ProcessInfo.processInfo.environment
        let venv =
            environment["STEADY_PYVENV"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache/steady-pyvenv")
        let python = URL(fileURLWithPath: venv).appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Unavailable(
                description: "\(python.path) does not exist: run scripts/install-test-deps.sh (CI runs it).")
        }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Regex
            .deletingLastPathComponent()  // SteadyModelTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("re2-oracle-\(UUID()).json")
        try JSONEncoder().encode(Request(cases: cases)).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent("scripts/conformance/re2_match.py").path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let stdout = Pipe()
        let stderr = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(
                description: "re2_match.py failed (status \(process.terminationStatus)); is google-re2 installed? "
                    + "Run scripts/install-test-deps.sh.")
        }
        let results = try JSONDecoder().decode(Response.self, from: output).results
        guard results.count == cases.count else {
            throw Unavailable(description: "re2_match.py answered \(results.count) of \(cases.count) cases")
        }
        return results
    }
}
