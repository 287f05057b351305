import Synchronization

/// A registry of liveness, readiness and startup checks that runs them concurrently, each with its own timeout
/// and optional result cache, and aggregates the outcome into a ``HealthReport``.
///
/// ```swift
/// let health = HealthRegistry(service: .init(serviceId: "checkout", releaseId: "1.4.2"))
/// health.register(HealthCheck("process", probes: .liveness) { .healthy })
/// health.register(HealthCheck("postgres", componentType: "datastore", probes: .readiness,
///                             timeout: .seconds(1), cacheInterval: .seconds(5)) { try await db.ping(); return .healthy })
/// let report = await health.check(.readiness)
/// // respond with report.httpStatusCode, HealthReport.mediaType and report.jsonBytes()
/// ```
public final class HealthRegistry<C: Clock>: Sendable where C.Duration == Duration {
    private struct Cached: Sendable {
        var report: HealthCheckReport
        var at: C.Instant
    }

    /// The clock that times checks, timeouts and the cache.
    public let clock: C
    /// Top-level fields of every report.
    public let service: HealthServiceInfo
    private let wallClock: @Sendable () -> HealthTime
    private let checks = Mutex<[HealthCheck]>([])
    private let cache = Mutex<[String: Cached]>([:])

    /// Creates an empty registry.
    ///
    /// ```swift
    /// let health = HealthRegistry(service: .init(), clock: manualClock, wallClock: { fixedTime })
    /// ```
    public init(
        service: HealthServiceInfo = .init(),
        clock: C,
        wallClock: @escaping @Sendable () -> HealthTime = { HealthTime.now() }
    ) {
        self.clock = clock
        self.service = service
        self.wallClock = wallClock
    }

    /// Adds a check, replacing any check with the same name (and its cached result).
    ///
    /// ```swift
    /// health.register(HealthCheck("cache", probes: .readiness, isCritical: false) { try await redis.ping(); return .healthy })
    /// ```
    public func register(_ check: HealthCheck) {
        self.checks.withLock { checks in
            if let index = checks.firstIndex(where: { $0.name == check.name }) {
                checks[index] = check
            } else {
                checks.append(check)
            }
        }
        _ = self.cache.withLock { $0.removeValue(forKey: check.name) }
    }

    /// Removes the check named `name`; returns whether it existed.
    ///
    /// ```swift
    /// health.unregister("legacy-db")
    /// ```
    @discardableResult
    public func unregister(_ name: String) -> Bool {
        _ = self.cache.withLock { $0.removeValue(forKey: name) }
        return self.checks.withLock { checks in
            guard let index = checks.firstIndex(where: { $0.name == name }) else { return false }
            checks.remove(at: index)
            return true
        }
    }

    /// The names of the registered checks, in registration order.
    ///
    /// ```swift
    /// let names = health.checkNames
    /// ```
    public var checkNames: [String] { self.checks.withLock { $0.map(\.name) } }

    /// Runs every check taking part in `probe` concurrently and aggregates the results.
    ///
    /// ```swift
    /// let live = await health.check(.liveness)
    /// ```
    public func check(_ probe: HealthProbe) async -> HealthReport {
        let selected = self.checks.withLock { $0.filter { !$0.probes.isDisjoint(with: probe) } }
        let reports = await withTaskGroup(of: (Int, HealthCheckReport).self) { group in
            for (index, check) in selected.enumerated() {
                group.addTask { (index, await self.evaluate(check)) }
            }
            var reports: [(Int, HealthCheckReport)] = []
            for await entry in group { reports.append(entry) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return HealthReport(probe: probe, checks: reports, service: self.service)
    }

    /// Runs (or reuses the cached result of) one check.
    private func evaluate(_ check: HealthCheck) async -> HealthCheckReport {
        let started = self.clock.now
        if let interval = check.cacheInterval,
            let cached = self.cache.withLock({ $0[check.name] }),
            cached.at.duration(to: started) < interval
        {
            var report = cached.report
            report.fromCache = true
            return report
        }
        let time = self.wallClock()
        let result = await self.runWithTimeout(check)
        let report = HealthCheckReport(
            name: check.name, componentType: check.componentType, isCritical: check.isCritical, result: result,
            time: time, duration: started.duration(to: self.clock.now))
        if check.cacheInterval != nil, !Task.isCancelled {
            self.cache.withLock { $0[check.name] = Cached(report: report, at: started) }
        }
        return report
    }

    private func runWithTimeout(_ check: HealthCheck) async -> HealthCheckResult {
        let race = HealthCheckRace()
        let clock = self.clock
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<HealthCheckResult, Never>) in
                let work = Task {
                    do {
                        race.resolve(try await check.run())
                    } catch {
                        race.resolve(HealthCheckResult(.unhealthy, output: String(describing: error)))
                    }
                }
                let timer = Task {
                    do {
                        try await clock.sleep(for: check.timeout)
                    } catch {
                        return
                    }
                    race.resolve(
                        HealthCheckResult(
                            .unhealthy, output: "\(AdaptiveResilienceError.healthCheckTimedOut) after \(check.timeout)")
                    )
                }
                race.start(continuation: continuation, work: work, timer: timer)
            }
        } onCancel: {
            race.resolve(HealthCheckResult(.unhealthy, output: "health check cancelled"))
        }
    }
}

extension HealthRegistry where C == ContinuousClock {
    /// Creates an empty registry on the continuous clock and the system wall clock.
    ///
    /// ```swift
    /// let health = HealthRegistry(service: .init(serviceId: "checkout"))
    /// ```
    public convenience init(service: HealthServiceInfo = .init()) {
        self.init(service: service, clock: ContinuousClock())
    }
}

/// Decides which of a check, its timer and cancellation finishes first; resumes the caller exactly once and
/// cancels the rest.
final class HealthCheckRace: Sendable {
    private struct State {
        var pending: HealthCheckResult?
        var finished = false
        var continuation: CheckedContinuation<HealthCheckResult, Never>?
        var work: Task<Void, Never>?
        var timer: Task<Void, Never>?
    }

    private let state = Mutex(State())

    func start(
        continuation: CheckedContinuation<HealthCheckResult, Never>, work: Task<Void, Never>, timer: Task<Void, Never>
    ) {
        let early = self.state.withLock { state -> HealthCheckResult? in
            state.work = work
            state.timer = timer
            guard let pending = state.pending else {
                state.continuation = continuation
                return nil
            }
            return pending
        }
        if let early {
            work.cancel()
            timer.cancel()
            continuation.resume(returning: early)
        }
    }

    /// Offers a result; only the first offer counts.
    func resolve(_ result: HealthCheckResult) {
        let winner = self.state.withLock {
            state -> (CheckedContinuation<HealthCheckResult, Never>?, Task<Void, Never>?, Task<Void, Never>?)? in
            guard !state.finished else { return nil }
            state.finished = true
            guard let continuation = state.continuation else {
                state.pending = result
                return nil
            }
            state.continuation = nil
            return (continuation, state.work, state.timer)
        }
        guard let (continuation, work, timer) = winner else { return }
        work?.cancel()
        timer?.cancel()
        continuation?.resume(returning: result)
    }
}
