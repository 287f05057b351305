import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite("steady CLI", .timeLimit(.minutes(3)))
struct CLITests {
    private func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("steady-\(UUID().uuidString).yml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("steady check points at file:line:column, suggests the right key and exits 1")
    func checkReportsPositions() async throws {
        let file = try temporaryFile(
            """
            server:
              listen: 127.0.0.1:4040
            services:
              - name: api
                scrape:
                  targets: ["127.0.0.1:8080"]
                  intervall: 10s
            """)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await SteadyBinary.run(["check", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):7:7: error:"))
        #expect(result.stderr.contains("did you mean 'interval'"))
    }

    @Test("steady check accepts the starter config written by steady init")
    func initThenCheck() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("steady-init-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: file) }
        let initResult = try await SteadyBinary.run(["init", file.path])
        #expect(initResult.status == 0)
        // The starter config reads the admin secret from the environment; check with it unset must fail clearly.
        let check = try await SteadyBinary.run(["check", file.path, "--format", "json"])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        let diagnostics = try #require(report.first?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { ($0["message"] as? String)?.contains("STEADY_ADMIN_TOKEN") == true })
    }

    @Test("steady demo --duration serves golden signals over loopback and exits 0 by itself")
    func demoBinary() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, out, _) = try SteadyBinary.start([
            "demo", "--duration", "12", "--port", "0", "--data-dir", directory.path, "--scrape-interval", "1",
            "--format", "json", "--backfill-days", "1",
        ])
        defer { if process.isRunning { process.terminate() } }
        // The first stdout line is the JSON with the URLs and tokens.
        var buffer = Data()
        let start = ContinuousClock.now
        while !buffer.contains(UInt8(ascii: "}")) && ContinuousClock.now - start < .seconds(60) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let info = try #require(try JSONSerialization.jsonObject(with: buffer) as? [String: Any])
        let steadyURL = try #require(info["steady_url"] as? String)
        try await Task.sleep(for: .seconds(6))
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: steadyURL + "/api/v1/services"), timeout: .seconds(10))
        #expect(response.status.code == 200)
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any])
        let services = try #require(body["services"] as? [[String: Any]])
        let checkout = try #require(services.first { $0["name"] as? String == "checkout" })
        let signals = try #require(checkout["signals"] as? [String: Any])
        #expect((signals["requestRate"] as? Double ?? 0) > 0)

        // The demo's SLOs through the CLI: budgets are live, the gate answers with an exit code.
        let list = try await SteadyBinary.run(["slo", "list", "--server", steadyURL, "--format", "json"])
        #expect(list.status == 0)
        let slos = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(slos.map { $0["slo"] as? String } == ["checkout/availability", "checkout/latency"])
        #expect((slos.first?["good_events_count"] as? Double ?? 0) > 0)
        let gate = try await SteadyBinary.run(["slo", "gate", "checkout/availability", "--server", steadyURL])
        #expect(gate.status == 0)
        #expect(gate.stdout.contains("checkout/availability: OPEN"))
        let unknown = try await SteadyBinary.run(["slo", "gate", "checkout/nothing", "--server", steadyURL])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("not found"))

        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }

    @Test("steady slo test runs promtool-format files: exit 0 when they pass, 1 with the failing expectation")
    func sloTest() async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/slo-scenarios")
        let config = fixtures.appendingPathComponent("steady.yml").path
        let pass = try await SteadyBinary.run([
            "slo", "test", "-c", config, fixtures.appendingPathComponent("outage.test.yml").path,
        ])
        #expect(pass.status == 0)
        #expect(pass.stdout.contains("SUCCESS (5 alert tests)"))
        let original = try String(contentsOf: fixtures.appendingPathComponent("outage.test.yml"), encoding: .utf8)
        let wrong = try temporaryFile(original.replacingOccurrences(of: "eval_time: 120m", with: "eval_time: 121m"))
        defer { try? FileManager.default.removeItem(at: wrong) }
        let fail = try await SteadyBinary.run(["slo", "test", "-c", config, wrong.path])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("SLOErrorBudgetBurn at 2h1m: expected no alerts"))
    }
}
