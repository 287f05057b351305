public import Logging
public import ServiceLifecycle
public import SteadyModel
import Synchronization

/// Runs every probe on its interval, posts alert changes through `emit` and one availability sample per run through
/// `recordAvailability` (availability SLIs read them by probe name).
///
/// HTTPS certificates are inspected at most every `certificateCheckInterval` per probe (and on the first run).
///
/// ```swift
/// let probes = ProbeService(
///     probes: config.probes, clock: clock,
///     emit: { alerts in await pipeline.receive(alerts) },
///     recordAvailability: { sample in await sloRuntime.record(sample) },
///     logger: logger)
/// ```
public final class ProbeService: Service, Sendable {
    private let specs: [ProbeSpec]
    private let monitors: Mutex<[String: ProbeMonitor]>
    private let lastCertificateCheck = Mutex<[String: WallInstant]>([:])
    private let runner: ProbeRunner
    private let clock: any WallClock
    private let certificateCheckInterval: Duration
    private let emit: @Sendable ([Alert]) async -> Void
    private let recordAvailability: @Sendable (AvailabilitySample) async -> Void
    private let logger: Logger

    public init(
        probes: [ProbeSpec], runner: ProbeRunner = ProbeRunner(), clock: any WallClock,
        certificateCheckInterval: Duration = .seconds(3600),
        emit: @escaping @Sendable ([Alert]) async -> Void,
        recordAvailability: @escaping @Sendable (AvailabilitySample) async -> Void = { _ in },
        logger: Logger = Logger(label: "steady.probes")
    ) {
        var unique: [ProbeSpec] = []
        for probe in probes where !unique.contains(where: { $0.name == probe.name }) { unique.append(probe) }
        specs = unique
        monitors = Mutex(Dictionary(uniqueKeysWithValues: unique.map { ($0.name, ProbeMonitor(spec: $0)) }))
        self.runner = runner
        self.clock = clock
        self.certificateCheckInterval = certificateCheckInterval
        self.emit = emit
        self.recordAvailability = recordAvailability
        self.logger = logger
    }

    /// Runs each probe, then again every `interval` after the previous run started, until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for spec in self.specs {
                    group.addTask { await self.loop(spec) }
                }
            }
        }
    }

    private func loop(_ spec: ProbeSpec) async {
        while !Task.isCancelled {
            let started = clock.now
            await runOnce(spec)
            do {
                try await clock.sleep(until: started.advanced(by: spec.interval), tolerance: nil)
            } catch {
                return
            }
        }
    }

    /// Runs one probe now: records the outcome, emits alert changes and the availability sample. Returns the outcome.
    @discardableResult
    public func runOnce(_ spec: ProbeSpec) async -> ProbeOutcome {
        let startedAt = clock.now
        let inspect = lastCertificateCheck.withLock { checks -> Bool in
            guard let last = checks[spec.name], last.advanced(by: certificateCheckInterval) > startedAt else {
                checks[spec.name] = startedAt
                return true
            }
            return false
        }
        let outcome = await runner.run(spec, inspectCertificate: inspect)
        let now = clock.now
        let actions = monitors.withLock { monitors -> [ProbeMonitor.Action] in
            var monitor = monitors[spec.name] ?? ProbeMonitor(spec: spec)
            let actions = monitor.record(outcome, at: now)
            monitors[spec.name] = monitor
            return actions
        }
        logger.debug(
            "probe run",
            metadata: [
                "probe": "\(spec.name)", "success": "\(outcome.success)",
                "error": "\(outcome.error ?? "")", "latency": "\(outcome.latency)",
            ])
        if !actions.isEmpty { await emit(actions.map(\.alert)) }
        await recordAvailability(
            AvailabilitySample(
                service: spec.service ?? "", probe: spec.name, at: startedAt, good: outcome.success ? 1 : 0, total: 1))
        return outcome
    }

    /// Every probe's latest status, in configuration order.
    public func statuses() -> [ProbeStatus] {
        monitors.withLock { monitors in specs.compactMap { monitors[$0.name]?.status } }
    }

    /// The alerts currently firing.
    public func firingAlerts() -> [Alert] {
        monitors.withLock { monitors in specs.flatMap { monitors[$0.name]?.firingAlerts ?? [] } }
    }
}
