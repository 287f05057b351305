import Foundation

/// Runs scripts/conformance/pybreaker_replay.py with the Python of the venv that scripts/install-test-deps.sh
/// creates (`$STEADY_PYVENV`, default `~/.cache/steady-pyvenv`).
enum PybreakerOracle {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Conformance
            .deletingLastPathComponent()  // ResilienceTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    static var python: URL {
        let environment = ProcessInfo.processInfo.environment
        let venv =
            environment["STEADY_PYVENV"]
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache/steady-pyvenv")
        return URL(fileURLWithPath: venv).appendingPathComponent("bin/python")
    }

    /// Replays `input` (the script's JSON input) and returns its parsed JSON output.
    static func replay(_ input: Data) throws -> [String: Any] {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Unavailable(
                description: """
                    pybreaker is not installed: \(python.path) does not exist. \
                    Run scripts/install-test-deps.sh (CI runs it) to create the venv with pybreaker.
                    """)
        }
        let script = Self.repositoryRoot.appendingPathComponent("scripts/conformance/pybreaker_replay.py")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self)
            throw Unavailable(
                description: """
                    pybreaker_replay.py failed (status \(process.terminationStatus)): \(message)
                    If pybreaker is missing, run scripts/install-test-deps.sh.
                    """)
        }
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw Unavailable(description: "pybreaker_replay.py printed no JSON object")
        }
        return object
    }
}
