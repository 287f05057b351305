public import Logging
public import ServiceLifecycle
public import SteadyModel
import Synchronization

/// Runs every probe on its interval, posts alert changes through `emit` and one availability sample per run through
/// `recordAvailability` (availability SLIs read them by probe name).
///
/// HTTPS certificates are inspected at most every `certificateCheckInterval` per probe (and on the first run).
/// ``replace(probes:)`` swaps the probe set while it runs (a configuration reload); ``run()`` keeps running with no
/// probes, so a reload can add the first one.
///
/// ```swift
/// let probes = ProbeService(
///     probes: config.probes, clock: clock,
///     emit: { alerts in await pipeline.receive(alerts) },
///     recordAvailability: { sample in await sloRuntime.record(sample) },
///     logger: logger)
/// // On reload:
/// await probes.replace(probes: newConfig.probes)
/// ```
public final class ProbeService: Service, Sendable {
    private struct Entry {
        var spec: ProbeSpec
        var monitor: ProbeMonitor
        let loop: ProbeLoop
        var lastCertificateCheck: WallInstant?

        init(spec: ProbeSpec) {
            self.spec = spec
            monitor = ProbeMonitor(spec: spec)
            loop = ProbeLoop()
        }
    }

    private struct State {
        /// Probe names in configuration order.
        var order: [String] = []
        var entries: [String: Entry] = [:]
    }

    private let state = Mutex(State())
    private let starts: AsyncStream<(ProbeSpec, ProbeLoop)>
    private let startSink: AsyncStream<(ProbeSpec, ProbeLoop)>.Continuation
    private let runProbe: @Sendable (ProbeSpec, Bool) async -> ProbeOutcome
    private let clock: any WallClock
    private let certificateCheckInterval: Duration
    private let emit: @Sendable ([Alert]) async -> Void
    private let recordAvailability: @Sendable (AvailabilitySample) async -> Void
    private let logger: Logger

    /// Probes run through `runner`.
    public convenience init(
        probes: [ProbeSpec], runner: ProbeRunner = ProbeRunner(), clock: any WallClock,
        certificateCheckInterval: Duration = .seconds(3600),
        emit: @escaping @Sendable ([Alert]) async -> Void,
        recordAvailability: @escaping @Sendable (AvailabilitySample) async -> Void = { _ in },
        logger: Logger = Logger(label: "steady.probes")
    ) {
        self.init(
            probes: probes, clock: clock, certificateCheckInterval: certificateCheckInterval,
            runProbe: { spec, inspectCertificate in await runner.run(spec, inspectCertificate: inspectCertificate) },
            emit: emit, recordAvailability: recordAvailability, logger: logger)
    }

    /// Probes run through `runProbe(spec, inspectCertificate)` (tests pass scripted outcomes).
    public init(
        probes: [ProbeSpec], clock: any WallClock, certificateCheckInterval: Duration = .seconds(3600),
        runProbe: @escaping @Sendable (ProbeSpec, _ inspectCertificate: Bool) async -> ProbeOutcome,
        emit: @escaping @Sendable ([Alert]) async -> Void,
        recordAvailability: @escaping @Sendable (AvailabilitySample) async -> Void = { _ in },
        logger: Logger = Logger(label: "steady.probes")
    ) {
        self.runProbe = runProbe
        self.clock = clock
        self.certificateCheckInterval = certificateCheckInterval
        self.emit = emit
        self.recordAvailability = recordAvailability
        self.logger = logger
        (starts, startSink) = AsyncStream.makeStream(of: (ProbeSpec, ProbeLoop).self)
        var initial = State()
        for probe in probes where initial.entries[probe.name] == nil {
            initial.entries[probe.name] = Entry(spec: probe)
            initial.order.append(probe.name)
        }
        state.withLock { $0 = initial }
        for name in initial.order {
            if let entry = initial.entries[name] { startSink.yield((entry.spec, entry.loop)) }
        }
    }

    /// Replaces the probe set (the first of each name counts): added probes start at once; removed probes stop and
    /// their firing alerts are posted resolved; a probe whose spec changed stops, its alerts are resolved and it
    /// starts afresh with the new spec; unchanged probes keep their state and schedule.
    public func replace(probes: [ProbeSpec]) async {
        let (stopped, started) = state.withLock { state -> ([Entry], [Entry]) in
            var next = State()
            var started: [Entry] = []
            for probe in probes where next.entries[probe.name] == nil {
                if let current = state.entries[probe.name], current.spec == probe {
                    next.entries[probe.name] = current
                } else {
                    let entry = Entry(spec: probe)
                    next.entries[probe.name] = entry
                    started.append(entry)
                }
                next.order.append(probe.name)
            }
            let stopped = state.order.compactMap { name -> Entry? in
                guard let entry = state.entries[name], next.entries[name]?.loop !== entry.loop else { return nil }
                return entry
            }
            state = next
            return (stopped, started)
        }
        for entry in stopped { entry.loop.stop() }
        // Runs that recorded an outcome before the swap post it first, so the resolutions below come last.
        for entry in stopped { await entry.loop.idle() }
        let now = clock.now
        // The monitors are final: a stopped loop's later runs find another entry (or none) and are dropped.
        let resolved = stopped.flatMap { entry in
            entry.monitor.firingAlerts.map { alert in
                var alert = alert
                alert.endsAt = now
                alert.updatedAt = now
                return alert
            }
        }
        if !stopped.isEmpty || !started.isEmpty {
            logger.debug(
                "probes replaced",
                metadata: [
                    "stopped": "\(stopped.map(\.spec.name))", "started": "\(started.map(\.spec.name))",
                    "resolved": "\(resolved.count)",
                ])
        }
        if !resolved.isEmpty { await emit(resolved) }
        for entry in started { startSink.yield((entry.spec, entry.loop)) }
    }

    /// Runs each probe, then again every `interval` after the previous run started, until graceful shutdown. Probes
    /// added by ``replace(probes:)`` join; it keeps running with none.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await (spec, loop) in self.starts {
                    group.addTask { await self.runLoop(spec, loop: loop) }
                }
                group.cancelAll()
            }
        }
        for entry in state.withLock({ Array($0.entries.values) }) { entry.loop.stop() }
    }

    private func runLoop(_ spec: ProbeSpec, loop: ProbeLoop) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.probeForever(spec, loop: loop) }
            group.addTask { await loop.waitUntilStopped() }
            await group.next()
            group.cancelAll()
        }
        logger.debug("probe loop stopped", metadata: ["probe": "\(spec.name)"])
    }

    private func probeForever(_ spec: ProbeSpec, loop: ProbeLoop) async {
        while !Task.isCancelled && !loop.isStopped {
            let started = clock.now
            _ = await perform(spec, loop: loop)
            do {
                try await clock.sleep(until: started.advanced(by: spec.interval), tolerance: nil)
            } catch {
                return
            }
        }
    }

    /// Runs one probe now: records the outcome, emits alert changes and the availability sample. Returns the outcome.
    ///
    /// Only a configured probe (same name and spec) records anything; for any other spec the run is just returned.
    @discardableResult
    public func runOnce(_ spec: ProbeSpec) async -> ProbeOutcome {
        await perform(spec, loop: nil)
    }

    /// One run of `spec`; `loop` (when run by a loop) must still be the probe's loop for the outcome to count.
    private func perform(_ spec: ProbeSpec, loop: ProbeLoop?) async -> ProbeOutcome {
        let startedAt = clock.now
        let inspect = state.withLock { state -> Bool in
            guard var entry = state.entries[spec.name], entry.spec == spec, loop == nil || entry.loop === loop else {
                return true
            }
            if let last = entry.lastCertificateCheck, last.advanced(by: certificateCheckInterval) > startedAt {
                return false
            }
            entry.lastCertificateCheck = startedAt
            state.entries[spec.name] = entry
            return true
        }
        let outcome = await runProbe(spec, inspect)
        let now = clock.now
        // A run interrupted by a stop or shutdown, or whose probe was replaced or removed meanwhile, is dropped.
        let recorded = state.withLock { state -> (ProbeLoop, [ProbeMonitor.Action])? in
            guard !Task.isCancelled, loop?.isStopped != true, var entry = state.entries[spec.name],
                entry.spec == spec, loop == nil || entry.loop === loop
            else { return nil }
            let actions = entry.monitor.record(outcome, at: now)
            state.entries[spec.name] = entry
            entry.loop.beginPosting()
            return (entry.loop, actions)
        }
        logger.debug(
            "probe run",
            metadata: [
                "probe": "\(spec.name)", "success": "\(outcome.success)",
                "error": "\(outcome.error ?? "")", "latency": "\(outcome.latency)",
                "recorded": "\(recorded != nil)",
            ])
        guard let (owner, actions) = recorded else { return outcome }
        defer { owner.endPosting() }
        if !actions.isEmpty { await emit(actions.map(\.alert)) }
        await recordAvailability(
            AvailabilitySample(
                service: spec.service ?? "", probe: spec.name, at: startedAt, good: outcome.success ? 1 : 0, total: 1))
        return outcome
    }

    /// The configured probes, in configuration order.
    public var probes: [ProbeSpec] {
        state.withLock { state in state.order.compactMap { state.entries[$0]?.spec } }
    }

    /// Every probe's latest status, in configuration order.
    public func statuses() -> [ProbeStatus] {
        state.withLock { state in state.order.compactMap { state.entries[$0]?.monitor.status } }
    }

    /// The alerts currently firing.
    public func firingAlerts() -> [Alert] {
        state.withLock { state in state.order.flatMap { state.entries[$0]?.monitor.firingAlerts ?? [] } }
    }
}
