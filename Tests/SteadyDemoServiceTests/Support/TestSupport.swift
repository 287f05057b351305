import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SteadyDemoService
import Testing

enum TestSupport {
    static let adminToken = "test-admin-token"

    static var logger: Logger {
        var logger = Logger(label: "steady-demo-service-tests")
        logger.logLevel = .critical
        return logger
    }

    /// A service on a virtual clock with no simulated latency, so tests are deterministic. The server-side request
    /// timeout is off and deadlines do not cancel: the virtual clock's `sleep` returns at once, so a timer would
    /// always win the race.
    static func makeService(
        adminToken: String? = TestSupport.adminToken,
        seed: UInt64 = 42,
        clock: VirtualClock = VirtualClock(),
        protection: DemoProtection = .adaptiveCriticality
    ) -> DemoService<VirtualClock> {
        var configuration = DemoServiceConfiguration(port: 0, adminToken: adminToken, seed: seed)
        configuration.simulatedLatencyMs = 0...0
        configuration.requestTimeout = nil
        configuration.cancelsTimedOutRequests = false
        configuration.protection = protection
        return DemoService(configuration: configuration, clock: clock, logger: logger)
    }

    static func json(_ body: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(object as? [String: Any])
    }

    static func string(_ body: ByteBuffer) -> String {
        String(decoding: body.readableBytesView, as: UTF8.self)
    }

    /// The `error.code` of a JSON error body.
    static func errorCode(_ body: ByteBuffer) throws -> String? {
        let error = try json(body)["error"] as? [String: Any]
        return error?["code"] as? String
    }

    static func errorMessage(_ body: ByteBuffer) throws -> String? {
        let error = try json(body)["error"] as? [String: Any]
        return error?["message"] as? String
    }

    static func jsonBody(_ text: String) -> ByteBuffer {
        ByteBuffer(string: text)
    }

    static var jsonHeaders: HTTPFields {
        [.contentType: "application/json"]
    }

    static var adminHeaders: HTTPFields {
        [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]
    }

    /// Sets faults through the admin API and returns the response.
    @discardableResult
    static func setFaults(_ body: String, client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: "/admin/faults", method: .post, headers: adminHeaders, body: jsonBody(body))
    }

    static func metrics(_ client: some TestClientProtocol) async throws -> MetricsText {
        let response = try await client.execute(uri: "/metrics", method: .get)
        #expect(response.status == .ok)
        return MetricsText(string(response.body))
    }
}

/// A minimal reader of Prometheus text exposition, enough to look up sample values by name and labels.
struct MetricsText {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let text: String
    let samples: [Sample]

    init(_ text: String) {
        self.text = text
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            let series = line[..<space]
            var name = String(series)
            var labels: [String: String] = [:]
            if let brace = series.firstIndex(of: "{"), series.last == "}" {
                name = String(series[..<brace])
                let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
                for pair in body.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                }
            }
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        self.samples = samples
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    func samples(named name: String) -> [Sample] {
        samples.filter { $0.name == name }
    }

    /// `http_requests_total` as `[method route code: count]`.
    var requestCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for sample in samples(named: "http_requests_total") {
            let key = "\(sample.labels["method"] ?? "") \(sample.labels["route"] ?? "") \(sample.labels["code"] ?? "")"
            counts[key] = Int(sample.value)
        }
        return counts
    }
}
