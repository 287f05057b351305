import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import SteadyConfig
import SteadyModel
import Testing

@testable import SteadyServer

/// amtool 0.25 creates, lists and expires silences against a live Steady; a silence mutes matching alerts in
/// `GET /api/v2/alerts`, and silences survive a restart.
@Suite("Silences live", .timeLimit(.minutes(3)))
struct SilenceLiveTests {
    static let token = "steady-silence-responder-token-0123456789"

    @Test("amtool silence add/query/expire; silenced alerts are suppressed")
    func amtoolManagesSilences() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-sil-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "silence-live")
        logger.logLevel = .critical
        let configuration = try ConfigLoader().parse(
            yaml: """
                storage: { sqlite: { path: \(directory.path)/steady.db } }
                server: { listen: 127.0.0.1:0 }
                auth: { tokens: [{ name: ops, role: responder, secret: \(Self.token) }] }
                route: { receiver: ops, group_by: [alertname] }
                receivers: [{ name: ops }]
                """, file: "steady.yml"
        ).configuration
        let httpConfig = directory.appendingPathComponent("http.yml")
        try "authorization: { credentials: \(Self.token) }\n".write(to: httpConfig, atomically: true, encoding: .utf8)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }

        var silenceID = ""
        for round in 0..<2 {
            try await AlertIntakeLiveTests.withServer(configuration, logger: logger) { live in
                let base = live.base
                func amtool(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
                    try await AlertIntakeLiveTests.run(
                        "/usr/bin/amtool",
                        arguments + ["--alertmanager.url=\(base)", "--http.config.file=\(httpConfig.path)"])
                }

                if round == 0 {
                    let posted = try await AlertIntakeLiveTests.send(
                        client, .POST, "\(base)/api/v2/alerts",
                        body:
                            #"[{"labels":{"alertname":"Noisy","service":"checkout"}},{"labels":{"alertname":"Quiet"}}]"#,
                        token: Self.token)
                    #expect(posted.status == 200)
                    let added = try await amtool([
                        "silence", "add", "alertname=Noisy", "service=~check.*", "--comment=deploy", "--author=ci",
                        "--duration=1h",
                    ])
                    #expect(added.status == 0, "amtool silence add failed: \(added.errors)")
                    silenceID = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect(silenceID.count == 36)
                    // Invalid silences get Alertmanager's answer.
                    let invalid = try await amtool(["silence", "add", "alertname=~.*", "--comment=x", "--author=ci"])
                    #expect(invalid.status != 0)
                }

                let query = try await amtool(["silence", "query", "-o", "json"])
                #expect(query.status == 0)
                let listed = try #require(
                    try JSONSerialization.jsonObject(with: Data(query.output.utf8)) as? [[String: Any]])
                #expect(listed.compactMap { $0["id"] as? String } == [silenceID])
                #expect((listed.first?["status"] as? [String: Any])?["state"] as? String == "active")
                let filtered = try await amtool(["silence", "query", "-o", "json", "alertname=Other"])
                #expect(filtered.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

                // The silenced alert is suppressed; the other stays active.
                let alerts = try await AlertIntakeLiveTests.send(
                    client, .GET, "\(base)/api/v2/alerts", body: nil, token: Self.token)
                let states = try #require(
                    try JSONSerialization.jsonObject(with: Data(alerts.body.utf8)) as? [[String: Any]])
                let byName = Dictionary(
                    uniqueKeysWithValues: states.map {
                        (
                            ($0["labels"] as? [String: String])?["alertname"] ?? "",
                            ($0["status"] as? [String: Any]) ?? [:]
                        )
                    })
                #expect(byName["Noisy"]?["state"] as? String == "suppressed")
                #expect(byName["Noisy"]?["silencedBy"] as? [String] == [silenceID])
                #expect(byName["Quiet"]?["state"] as? String == "active")

                if round == 1 {
                    let expired = try await amtool(["silence", "expire", silenceID])
                    #expect(expired.status == 0, "amtool silence expire failed: \(expired.output)")
                    let again = try await amtool(["silence", "query", "-o", "json"])
                    #expect(again.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
                    let expiredList = try await amtool(["silence", "query", "--expired", "-o", "json"])
                    #expect(expiredList.output.contains(silenceID))

                    // Steady's own CLI does the same through the same API.
                    let api = ["--server", base, "--token", Self.token]
                    let added = try await SteadyBinary.run(
                        [
                            "silence", "add", "service=checkout", "alertname=~Noisy|Loud", "--comment", "deploy",
                            "--duration", "30m",
                        ] + api)
                    #expect(added.status == 0, "steady silence add failed: \(added.stderr)")
                    let cliID = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    let listed = try await SteadyBinary.run(["silence", "list"] + api)
                    #expect(listed.stdout.contains(cliID) && listed.stdout.contains(#"alertname=~"Noisy|Loud""#))
                    let viaAmtool = try await amtool(["silence", "query", "-o", "json"])
                    #expect(viaAmtool.output.contains(cliID))
                    let bad = try await SteadyBinary.run(["silence", "add", "service=", "--comment", "x"] + api)
                    #expect(bad.status != 0)
                    let cliExpired = try await SteadyBinary.run(["silence", "expire", cliID] + api)
                    #expect(cliExpired.status == 0, "steady silence expire failed: \(cliExpired.stderr)")
                    let after = try await SteadyBinary.run(["silence", "list", "--format", "json"] + api)
                    #expect(!after.stdout.contains(cliID))
                }
            }
        }
    }
}
