public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import ServiceLifecycle
public import SteadyModel
import Synchronization

/// Steady's dead man's switch: requests an external heartbeat URL every `interval`, so that when Steady (or its
/// host) dies the receiver notices the silence and pages someone.
///
/// Failures are logged at warning level and reported through `onResult`; the next attempt follows on schedule.
/// ``replace(spec:)`` changes the watchdog while it runs (a configuration reload): a new or changed spec is pinged at
/// once and then on its own interval, `nil` pauses it until a spec appears again.
///
/// ```swift
/// let watchdog = WatchdogService(spec: WatchdogSpec(url: "https://hc-ping.com/<uuid>"), clock: clock, logger: logger)
/// // On reload:
/// watchdog.replace(spec: newConfig.watchdog)
/// ```
public final class WatchdogService: Service, Sendable {
    /// The outcome of one ping.
    public struct Result: Sendable, Equatable {
        public var at: WallInstant
        public var statusCode: Int?
        public var error: String?
        public var success: Bool { error == nil }
    }

    private struct State {
        var spec: WatchdogSpec?
        /// Bumped by every change of `spec`.
        var generation: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state: Mutex<State>
    let httpClient: HTTPClient
    let clock: any WallClock
    let onResult: @Sendable (Result) async -> Void
    let logger: Logger

    /// A watchdog pinging `spec`; with `nil` it idles until ``replace(spec:)`` gives it one.
    public init(
        spec: WatchdogSpec?, httpClient: HTTPClient = .shared, clock: any WallClock,
        onResult: @escaping @Sendable (Result) async -> Void = { _ in },
        logger: Logger = Logger(label: "steady.watchdog")
    ) {
        state = Mutex(State(spec: spec))
        self.httpClient = httpClient
        self.clock = clock
        self.onResult = onResult
        self.logger = logger
    }

    /// The spec in force (`nil`: no watchdog configured).
    public var spec: WatchdogSpec? { state.withLock { $0.spec } }

    /// Changes the watchdog: an equal spec changes nothing; a different one restarts the schedule with an immediate
    /// ping; `nil` stops pinging.
    public func replace(spec: WatchdogSpec?) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.spec != spec else { return [] }
            state.spec = spec
            state.generation &+= 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let (spec, generation) = self.state.withLock { ($0.spec, $0.generation) }
                guard let spec else {
                    await self.waitForChange(after: generation)
                    continue
                }
                let started = self.clock.now
                await self.ping(spec)
                await self.sleep(until: started.advanced(by: spec.interval), unlessChangedAfter: generation)
            }
        }
    }

    /// Sleeps until `deadline`, or less when the spec changes (or the task is cancelled).
    private func sleep(until deadline: WallInstant, unlessChangedAfter generation: UInt64) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await self.clock.sleep(until: deadline, tolerance: nil) }
            group.addTask { await self.waitForChange(after: generation) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns once the spec's generation differs from `generation`, or the task is cancelled.
    private func waitForChange(after generation: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Sends one ping to the current spec now and reports it; `nil` when no watchdog is configured.
    @discardableResult
    public func pingOnce() async -> Result? {
        guard let spec else { return nil }
        return await ping(spec)
    }

    @discardableResult
    private func ping(_ spec: WatchdogSpec) async -> Result {
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
