import Foundation

/// Locates and runs Prometheus's `promtool` (Debian package `prometheus`).
enum Promtool {
    /// The first executable `promtool` on `PATH`, or nil.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/promtool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { path != nil }

    struct Result {
        var status: Int32
        var output: String
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `promtool arguments…` with stdout and stderr captured in a file, killing it after `timeout`.
    static func run(
        _ executable: String, arguments: [String], in directory: URL, timeout: Duration
    ) async throws
        -> Result
    {
        let outputURL = directory.appendingPathComponent("promtool-output.txt")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        try process.run()

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while process.isRunning {
            if clock.now >= deadline {
                process.terminate()
                process.waitUntilExit()
                throw Timeout(description: "promtool \(arguments.joined(separator: " ")) ran longer than \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: text)
    }
}
