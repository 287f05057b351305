public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import ServiceLifecycle
import Synchronization

/// Sends a steady mix of checkout traffic (browse, add to cart, checkout, read orders, a few 404s) to the demo service
/// and keeps exact counts of what it sent and what came back, so tests can compare them with the service's metrics.
///
/// `run()` returns after ``TrafficGeneratorConfiguration/maxRequests`` or `maxDuration`, or on graceful shutdown.
/// When a bounded generator runs in a `ServiceGroup`, give it `successTerminationBehavior: .ignore` so finishing does
/// not stop the group.
///
/// ```swift
/// let generator = try TrafficGenerator(
///     configuration: .init(baseURL: "http://127.0.0.1:8081", requestsPerSecond: 5),
///     logger: logger
/// )
/// try await generator.run()
/// print(generator.stats().byStatus)
/// ```
public final class TrafficGenerator: Service, Sendable, CustomStringConvertible {
    public let configuration: TrafficGeneratorConfiguration
    private let baseURL: String
    private let httpClient: HTTPClient?
    private let logger: Logger
    private let state = Mutex(Stats())

    /// - Parameter httpClient: a client to use; when nil, `run()` creates its own and shuts it down when done.
    public init(
        configuration: TrafficGeneratorConfiguration, httpClient: HTTPClient? = nil, logger: Logger
    ) throws(TrafficGeneratorError) {
        guard configuration.requestsPerSecond.isFinite, configuration.requestsPerSecond > 0 else {
            throw .invalidRate(configuration.requestsPerSecond)
        }
        self.baseURL = try Self.validatedBaseURL(
            configuration.baseURL, allowNonLoopback: configuration.allowNonLoopback)
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
    }

    public var description: String { "TrafficGenerator(\(baseURL))" }

    /// A snapshot of the counts so far.
    public func stats() -> Stats {
        state.withLock { $0 }
    }

    public func run() async throws {
        let client = httpClient ?? HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await sendTraffic(using: client)
        } catch {
            if httpClient == nil { try? await client.shutdown() }
            throw error
        }
        if httpClient == nil { try await client.shutdown() }
    }

    private func sendTraffic(using client: HTTPClient) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let interval = Duration.seconds(1 / configuration.requestsPerSecond)
        var deadline = start
        var plan = TrafficPlan(seed: configuration.seed)
        var number = 0
        logger.debug("traffic generator started", metadata: ["base_url": "\(baseURL)"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if let maxRequests = configuration.maxRequests, number >= maxRequests { break }
            if let maxDuration = configuration.maxDuration, start.duration(to: clock.now) >= maxDuration { break }
            if deadline > clock.now {
                let wakeUp = deadline
                do {
                    try await cancelWhenGracefulShutdown { try await clock.sleep(until: wakeUp) }
                } catch {
                    break
                }
                continue  // re-check the limits after sleeping
            }
            number += 1
            let request = plan.next()
            await send(request, number: number, plan: &plan, client: client)
            deadline = deadline.advanced(by: interval)
            // After a stall, resume the rate from now instead of bursting to catch up.
            if deadline.duration(to: clock.now) > .seconds(1) { deadline = clock.now }
        }
        logger.debug("traffic generator stopped", metadata: ["sent": "\(number)"])
    }

    private func send(_ planned: PlannedRequest, number: Int, plan: inout TrafficPlan, client: HTTPClient) async {
        var request = HTTPClientRequest(url: baseURL + planned.path)
        request.method = HTTPMethod(rawValue: planned.method)
        request.headers.add(name: "X-Request-ID", value: "tg\(configuration.seed)-\(number)")
        if let body = planned.body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        state.withLock { $0.recordSent(planned) }
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
            let body = try await response.body.collect(upTo: 1 << 20)
            let status = Int(response.status.code)
            state.withLock { $0.recordResponse(planned, status: status) }
            plan.observe(planned, status: status, body: Array(body.readableBytesView))
        } catch {
            state.withLock { $0.recordFailure() }
            logger.debug("traffic request failed", metadata: ["path": "\(planned.path)", "error": "\(error)"])
        }
    }

    // MARK: Fault hook

    /// Sets the service's faults through `POST /admin/faults` (not counted in ``stats()``).
    @discardableResult
    public func setFaults(_ faults: FaultRequest, adminToken: String) async throws -> FaultStatus {
        let body = try JSONEncoder().encode(faults)
        return try await adminRequest(method: .POST, body: ByteBuffer(bytes: body), adminToken: adminToken)
    }

    /// Clears the service's faults through `DELETE /admin/faults`.
    @discardableResult
    public func clearFaults(adminToken: String) async throws -> FaultStatus {
        try await adminRequest(method: .DELETE, body: nil, adminToken: adminToken)
    }

    private func adminRequest(method: HTTPMethod, body: ByteBuffer?, adminToken: String) async throws -> FaultStatus {
        var request = HTTPClientRequest(url: baseURL + "/admin/faults")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(adminToken)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let client = httpClient ?? HTTPClient.shared
        let response = try await client.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
        let responseBody = try await response.body.collect(upTo: 1 << 16)
        guard response.status == .ok else {
            throw TrafficGeneratorError.adminRequestFailed(
                status: Int(response.status.code),
                body: String(buffer: responseBody)
            )
        }
        return try JSONDecoder().decode(FaultStatus.self, from: Data(responseBody.readableBytesView))
    }

    // MARK: Helpers

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Checks the URL is `http://host[:port]` on loopback; returns it without a trailing slash.
    static func validatedBaseURL(_ text: String, allowNonLoopback: Bool) throws(TrafficGeneratorError) -> String {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw .invalidBaseURL(text) }
        if !allowNonLoopback, !isLoopback(host: host) { throw .nonLoopbackHost(host) }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    static func isLoopback(host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
