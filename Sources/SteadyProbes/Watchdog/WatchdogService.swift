public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import ServiceLifecycle
public import SteadyModel

/// Steady's dead man's switch: requests an external heartbeat URL every `interval`, so that when Steady (or its
/// host) dies the receiver notices the silence and pages someone.
///
/// Failures are logged at warning level and reported through `onResult`; the next attempt follows on schedule.
///
/// ```swift
/// let watchdog = WatchdogService(spec: WatchdogSpec(url: "https://hc-ping.com/<uuid>"), clock: clock, logger: logger)
/// ```
public struct WatchdogService: Service {
    /// The outcome of one ping.
    public struct Result: Sendable, Equatable {
        public var at: WallInstant
        public var statusCode: Int?
        public var error: String?
        public var success: Bool { error == nil }
    }

    let spec: WatchdogSpec
    let httpClient: HTTPClient
    let clock: any WallClock
    let onResult: @Sendable (Result) async -> Void
    let logger: Logger

    public init(
        spec: WatchdogSpec, httpClient: HTTPClient = .shared, clock: any WallClock,
        onResult: @escaping @Sendable (Result) async -> Void = { _ in },
        logger: Logger = Logger(label: "steady.watchdog")
    ) {
        self.spec = spec
        self.httpClient = httpClient
        self.clock = clock
        self.onResult = onResult
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let started = clock.now
                await pingOnce()
                do {
                    try await clock.sleep(until: started.advanced(by: spec.interval), tolerance: nil)
                } catch {
                    return
                }
            }
        }
    }

    /// Sends one ping now and reports it.
    @discardableResult
    public func pingOnce() async -> Result {
        var request = HTTPClientRequest(url: spec.url)
        request.method = HTTPMethod(rawValue: spec.method.uppercased())
        request.headers.add(name: "User-Agent", value: "steady-watchdog")
        request.headers.add(name: "Connection", value: "close")
        var result = Result(at: clock.now, statusCode: nil, error: nil)
        do {
            let response = try await httpClient.execute(
                request, timeout: .nanoseconds(max(1, spec.timeout.nanoseconds)))
            _ = try? await response.body.collect(upTo: 64 << 10)
            result.statusCode = Int(response.status.code)
            if !(200..<300).contains(Int(response.status.code)) {
                result.error = "status \(response.status.code)"
            }
        } catch {
            result.error = ProbeRunner.describe(error)
        }
        // Ping URLs usually embed a secret (the check's UUID): log only the host.
        let host = URL(string: spec.url)?.host ?? "?"
        if let error = result.error {
            logger.warning("watchdog ping failed", metadata: ["host": "\(host)", "error": "\(error)"])
        } else {
            logger.debug("watchdog ping sent", metadata: ["host": "\(host)"])
        }
        await onResult(result)
        return result
    }
}
