import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import SteadyServer

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` while alerts stream in: after a restart, every alert whose POST got a 2xx is still there.
@Suite("Alert durability", .timeLimit(.minutes(3)))
struct AlertDurabilityTests {
    static let token = "durability-test-token-0123456789abcdef"

    @Test("no acknowledged alert is lost when steady is killed with SIGKILL during intake")
    func killNineDuringIntakeLosesNothingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try #require(FreePort.find())
        try """
        storage: { sqlite: { path: \(directory.path)/steady.db } }
        server: { listen: 127.0.0.1:\(port) }
        auth: { anonymous_read: true, tokens: [{ name: prometheus, role: responder, secret: \(Self.token) }] }
        route: { receiver: ops, group_by: [alertname] }
        receivers: [{ name: ops }]
        """.write(to: directory.appendingPathComponent("steady.yml"), atomically: true, encoding: .utf8)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        let base = "http://127.0.0.1:\(port)"
        let arguments = ["serve", "--config", directory.appendingPathComponent("steady.yml").path]

        let first = try Self.launch(arguments)
        try await Self.waitUntilReady(client, base)
        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for batch in 0..<1000 {
                        let names = (0..<16).map { "Alert_\(worker)_\(batch)_\($0)" }
                        let body =
                            "["
                            + names.map { #"{"labels":{"alertname":"\#($0)","worker":"\#(worker)"}}"# }
                            .joined(separator: ",") + "]"
                        var request = HTTPClientRequest(url: "\(base)/api/v2/alerts")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: body))
                        guard let response = try? await client.execute(request, timeout: .seconds(5)) else { return }
                        if response.status == .ok { tally.acknowledged.withLock { $0.formUnion(names) } }
                        tally.sent.add(1, ordering: .relaxed)
                    }
                }
            }
            // Kill once a good number of batches went through, while the workers keep posting.
            while tally.sent.load(ordering: .relaxed) < 40 { try await Task.sleep(for: .milliseconds(5)) }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            try await group.waitForAll()
        }
        let expected = tally.acknowledged.withLock { $0 }
        #expect(expected.count >= 40 * 16)
        #expect(first.terminationReason == .uncaughtSignal)

        let second = try Self.launch(arguments)
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        try await Self.waitUntilReady(client, base)
        let response = try await client.execute(HTTPClientRequest(url: "\(base)/api/v2/alerts"), timeout: .seconds(10))
        let data = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        let alerts = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let stored = Set(alerts.compactMap { ($0["labels"] as? [String: String])?["alertname"] })
        let lost = expected.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) acknowledged alerts lost, e.g. \(lost.sorted().prefix(5))")
    }

    /// Starts `steady` with its output discarded: a long-lived child holding pipes would block (a full pipe) or be
    /// inherited by other tests' children.
    static func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = SteadyBinary.url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    final class Tally: Sendable {
        let acknowledged = Mutex<Set<String>>([])
        let sent = Atomic<Int>(0)
    }

    static func waitUntilReady(_ client: HTTPClient, _ base: String) async throws {
        for _ in 0..<300 {
            if let response = try? await client.execute(
                HTTPClientRequest(url: "\(base)/-/ready"), timeout: .seconds(1)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("steady did not become ready within 30 s")
        throw CancellationError()
    }
}
