import AsyncHTTPClient
import Hummingbird
public import Logging
import NIOCore
import NIOPosix
import Prometheus
public import ServiceLifecycle
import SteadyAPI
import SteadyAlerting
public import SteadyConfig
import SteadyExposition
import SteadyHummingbird
public import SteadyModel
import SteadyNotify
import SteadyProbes
import SteadySLO
import SteadyScrape
import SteadySignals
import SteadyStorage
import Synchronization
import UnixSignals

/// A Steady server: storage, scraping, golden signals and the HTTP API, wired together and run as one
/// `ServiceGroup`. This is the one place where Steady's modules meet.
///
/// ```swift
/// let server = try await SteadyServer.make(configuration: config, options: .init(), logger: logger)
/// try await server.run()
/// ```
public final class SteadyServer: Sendable {
    public let store: any SteadyStore
    private let config: ConfigHolder
    private let options: ServerOptions
    private let logger: Logger
    private let metrics: SelfMetrics
    private let ingestor: SignalIngestor
    private let sliRecorder: SLIRecorder
    let sloRuntime: SLORuntime
    let alertPipeline: AlertPipeline
    private let dispatchWake = WakeSignal()
    private let outboxWake = WakeSignal()
    private let scrapeManager: ScrapeManager
    private let parsers: ParserPool
    private let httpClient: HTTPClient?
    /// Notifications, probes and the watchdog (separate from the scrape client and its settings).
    private let outboundClient: HTTPClient
    private let delivery: NotificationDelivery
    private let heartbeats: HeartbeatRegistry
    private let probes: ProbeService
    private let watchdog: WatchdogService
    private let ready = Atomic<Bool>(false)
    /// The port the API listens on once running (0 before), for links when `server.external_url` is not set.
    private let boundPort = Atomic<Int>(0)
    private let groupHolder = Mutex<ServiceGroup?>(nil)
    private let startedAt: WallInstant

    /// Opens storage (migrating it) and builds every component; nothing runs until ``run()``.
    public static func make(
        configuration: SteadyConfiguration,
        options: ServerOptions = ServerOptions(),
        logger: Logger
    ) async throws -> SteadyServer {
        let store: SQLStore
        switch configuration.storage.engine {
        case .sqlite(let path):
            store = try await SQLStore.openSQLite(path: path, logger: logger)
        case .postgres:
            throw SteadyServerError.unsupported("storage.postgres is not available yet; use storage.sqlite")
        }
        let templates: TemplateSet
        do {
            try await store.migrate()
            try await seedTokens(configuration.auth.tokens, store: store, clock: options.clock)
            templates = try NotificationTemplates.load(
                configuration.alerting?.templates ?? [], relativeTo: options.configPath)
        } catch {
            try? await store.close()
            throw error
        }
        return SteadyServer(
            configuration: configuration, store: store, templates: templates, options: options, logger: logger)
    }

    private init(
        configuration: SteadyConfiguration, store: any SteadyStore, templates: TemplateSet, options: ServerOptions,
        logger: Logger
    ) {
        self.store = store
        self.config = ConfigHolder(configuration)
        self.options = options
        self.logger = logger
        self.startedAt = options.clock.now
        let metrics = SelfMetrics(startSeconds: options.clock.now.secondsSinceEpoch)
        self.metrics = metrics
        let ingestor = SignalIngestor(
            services: configuration.services, store: store, metrics: metrics, logger: logger)
        self.ingestor = ingestor
        let sliRecorder = SLIRecorder(services: configuration.services)
        self.sliRecorder = sliRecorder
        let alertPipeline = AlertPipeline(
            configuration: configuration.alerting ?? AlertingConfiguration(),
            externalURL: configuration.server.baseURL, store: store, clock: options.clock, logger: logger)
        self.alertPipeline = alertPipeline
        let outboundClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false)))
        self.outboundClient = outboundClient
        self.delivery = NotificationDelivery(
            httpClient: outboundClient, clock: options.clock, templates: templates, logger: logger,
            configuration: { await alertPipeline.currentConfiguration })
        self.heartbeats = HeartbeatRegistry(
            heartbeats: configuration.heartbeats, store: store, clock: options.clock, logger: logger)
        let sloRuntime = SLORuntime(
            slos: configuration.services.flatMap(\.slos), store: store, clock: options.clock, logger: logger,
            forward: { alerts in try await alertPipeline.ingest(alerts) })
        self.sloRuntime = sloRuntime
        self.probes = ProbeService(
            probes: configuration.probes,
            runner: ProbeRunner(httpClient: outboundClient, group: MultiThreadedEventLoopGroup.singleton),
            clock: options.clock,
            emit: { alerts in
                do {
                    try await alertPipeline.ingest(alerts)
                } catch {
                    logger.error("probe alerts not stored", metadata: ["error": "\(error)"])
                }
            },
            recordAvailability: { sample in
                let (buckets, problems) = sliRecorder.recordAvailability(
                    probe: sample.probe, at: sample.at, good: sample.good, total: sample.total)
                await sloRuntime.ingest(buckets, problems: problems)
            }, logger: logger)
        self.watchdog = WatchdogService(
            spec: configuration.watchdog, httpClient: outboundClient, clock: options.clock, logger: logger)
        let fetcher: any ScrapeFetcher
        if let injected = options.fetcher {
            fetcher = injected
            httpClient = nil
        } else {
            let client = HTTPScrapeFetcher.makeClient()
            httpClient = client
            fetcher = HTTPScrapeFetcher(client: client, userAgent: "Steady/\(options.version)")
        }
        let parsers = ParserPool()
        self.parsers = parsers
        let eventStore: any EventStore = store
        let eventLogger = logger
        scrapeManager = ScrapeManager(
            targets: ScrapeTarget.targets(for: configuration.services),
            fetcher: fetcher,
            clock: options.clock,
            hooks: .init(
                parse: { [parsers] target, body, contentType in
                    try parsers.parse(target: target.key, body: body, contentType: contentType)
                },
                ingest: { outcome in
                    await ingestor.ingest(outcome)
                    guard let body = outcome.body else { return }
                    let (buckets, problems) = sliRecorder.record(
                        service: outcome.target.service, target: outcome.target.url, body: body, at: outcome.time)
                    await sloRuntime.ingest(buckets, problems: problems)
                },
                event: { event in
                    do {
                        try await eventStore.appendEvent(event)
                    } catch {
                        eventLogger.error("event log write failed", metadata: ["error": "\(error)"])
                    }
                }
            ),
            logger: logger
        )
    }

    /// The configuration in force.
    public var configuration: SteadyConfiguration { config.configuration }

    /// Scrape health of every target.
    public func targetHealth() -> [TargetHealth] { scrapeManager.targetHealth() }

    /// Golden signals of a service over `[start, end)` in steps.
    public func signals(
        service: String, start: WallInstant, end: WallInstant, step: Duration
    ) async throws
        -> [GoldenSignals]
    {
        let rollups = try await store.rollups(service: service, from: start.minuteFloor, to: end)
        return SignalQuery.signals(from: rollups, start: start, end: end, step: step)
    }

    /// Golden signals of the last five minutes (the "now" of the API and dashboard).
    public func currentSignals(service: String) async throws -> GoldenSignals? {
        let end = options.clock.now
        let start = end.advanced(by: .seconds(-300))
        let rollups = try await store.rollups(service: service, from: start.minuteFloor, to: end)
        guard !rollups.isEmpty else { return nil }
        return SignalQuery.summary(of: rollups, start: start, end: end)
    }

    /// Re-reads the configuration file and applies it without losing state. Returns a summary.
    @discardableResult
    public func reload() async throws -> String {
        guard let path = options.configPath else {
            throw SteadyServerError.unsupported("this server was not started from a configuration file")
        }
        do {
            // Files are read on NIO's thread pool: the request that asks for a reload runs on an event loop.
            let loaded = try await NIOThreadPool.singleton.runIfActive { try ConfigLoader().load(path: path) }
            try await apply(loaded.configuration)
            metrics.reloads.increment()
            let message = "configuration reloaded from \(path): \(loaded.configuration.services.count) services"
            logger.info("\(message)")
            await appendEvent(NewEvent(time: options.clock.now, kind: "config.reloaded", message: message))
            return message
        } catch {
            metrics.reloadFailures.increment()
            let message = "configuration reload failed, keeping the previous configuration: \(error)"
            logger.error("\(message)")
            await appendEvent(
                NewEvent(time: options.clock.now, kind: "config.reload_failed", severity: .warning, message: message))
            throw error
        }
    }

    /// Applies a new configuration: services, scrape targets, probes and the watchdog change; listen address and
    /// storage need a restart.
    public func apply(_ configuration: SteadyConfiguration) async throws {
        let current = config.configuration
        if configuration.server != current.server || configuration.storage.engine != current.storage.engine {
            throw SteadyServerError.unsupported(
                "changes to server.listen or the storage engine need a restart; nothing was changed")
        }
        let templates = try await NIOThreadPool.singleton.runIfActive { [options] in
            try NotificationTemplates.load(configuration.alerting?.templates ?? [], relativeTo: options.configPath)
        }
        config.replace(configuration)
        delivery.apply(templates: templates)
        await heartbeats.replace(heartbeats: configuration.heartbeats)
        ingestor.apply(services: configuration.services)
        sliRecorder.apply(services: configuration.services)
        let newTargets = ScrapeTarget.targets(for: configuration.services)
        for target in ScrapeTarget.targets(for: current.services)
        where !newTargets.contains(where: { $0.key == target.key }) {
            ingestor.forget(target: target)
            sliRecorder.forget(service: target.service, target: target.url)
        }
        scrapeManager.update(targets: newTargets)
        parsers.retain(targets: Set(newTargets.map(\.key)))
        await sloRuntime.apply(slos: configuration.services.flatMap(\.slos))
        await alertPipeline.apply(
            configuration.alerting ?? AlertingConfiguration(), externalURL: externalURL(configuration.server))
        // After the alerting configuration, so the alerts of removed probes resolve through the new routes.
        await probes.replace(probes: configuration.probes)
        watchdog.replace(spec: configuration.watchdog)
    }

    /// `server.external_url`, or the listen address with the port actually bound.
    private func externalURL(_ server: ServerSettings) -> String {
        var server = server
        let port = boundPort.load(ordering: .relaxed)
        if port != 0 { server.listenPort = port }
        return server.baseURL
    }

    /// Runs until shutdown (a signal when ``ServerOptions/handleSignals`` is on, or ``shutdown()``).
    public func run() async throws {
        let configuration = config.configuration
        let router = buildRouter(apiDependencies(), logger: logger)
        let onListening = options.onListening
        let app = Application(
            router: router,
            server: .http1OnEventLoops(),
            configuration: .init(
                address: .hostname(configuration.server.listenHost, port: configuration.server.listenPort),
                serverName: "Steady"
            ),
            onServerRunning: { [self] channel in
                if let port = channel.localAddress?.port {
                    self.boundPort.store(port, ordering: .relaxed)
                    await self.alertPipeline.setExternalURL(self.externalURL(configuration.server))
                }
                self.ready.store(true, ordering: .relaxed)
                await onListening(channel.localAddress?.port ?? configuration.server.listenPort)
            },
            logger: logger
        )
        let outbox = OutboxService(
            store: store, clock: options.clock, handoff: OutboxHandoff(wake: outboxWake),
            deliver: { [delivery] item in await delivery.deliver(item) }, logger: logger)
        await alertPipeline.setWakers(
            dispatch: { [dispatchWake] in dispatchWake.signal() },
            outbox: { items, committed in outbox.handOver(items, committed: committed) })
        var services: [any Service] = [
            AlertDispatchService(pipeline: alertPipeline, wake: dispatchWake, clock: options.clock),
            outbox,
            HeartbeatService(
                registry: heartbeats, clock: options.clock,
                emit: { [alertPipeline, logger] alerts in
                    do {
                        try await alertPipeline.ingest(alerts)
                    } catch {
                        logger.error("heartbeat alerts not stored", metadata: ["error": "\(error)"])
                    }
                }, logger: logger),
            SLOService(runtime: sloRuntime, clock: options.clock, interval: options.sloEvaluationInterval),
            scrapeManager,
            RetentionService(
                store: store, clock: options.clock, retention: { [config] in config.configuration.storage.retention },
                longestPeriod: { [config] in
                    config.configuration.services.flatMap(\.slos).map(\.period.maximumLength).max() ?? .zero
                },
                logger: logger),
        ]
        // Both run even when unconfigured, so that a reload can add the first probe or the watchdog.
        services.append(probes)
        services.append(watchdog)
        if options.handleSignals {
            services.append(ReloadSignalService(reload: { [self] in _ = try? await self.reload() }))
        }
        services.append(app)
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) } + options.companions,
                gracefulShutdownSignals: options.handleSignals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
        groupHolder.withLock { $0 = group }
        await appendEvent(
            NewEvent(
                time: options.clock.now, kind: "steady.started",
                message: "Steady \(options.version) started with \(configuration.services.count) services"))
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        ready.store(false, ordering: .relaxed)
        await appendEvent(NewEvent(time: options.clock.now, kind: "steady.stopped", message: "Steady stopped"))
        try? await httpClient?.shutdown()
        try? await outboundClient.shutdown()
        try? await store.close()
        if let failure { throw failure }
    }

    /// Starts a graceful shutdown of a running server.
    public func shutdown() async {
        let group = groupHolder.withLock { $0 }
        await group?.triggerGracefulShutdown()
    }

    private func appendEvent(_ event: NewEvent) async {
        do {
            try await store.appendEvent(event)
        } catch {
            logger.error("event log write failed", metadata: ["error": "\(error)"])
        }
    }

    /// Chart series of one SLO from its stored buckets.
    public func sloSeries(id: String, from: WallInstant, to: WallInstant, step: Duration) async throws -> SLOSeries? {
        guard let spec = await sloRuntime.specs().first(where: { $0.id == id }) else { return nil }
        let start = from.advanced(by: .zero - spec.period.maximumLength - .seconds(3600)).minuteFloor
        let buckets = try await store.sliBuckets(slo: id, from: start, to: to.advanced(by: .seconds(60)))
        return SLOSeriesBuilder.series(spec: spec, buckets: buckets, from: from, to: to, step: step)
    }

    /// The latest status of every SLO.
    public func sloStatuses() async -> [SLOStatus] { await sloRuntime.currentStatuses() }

    private func apiDependencies() -> APIDependencies {
        var deps = APIDependencies(
            store: store,
            clock: options.clock,
            services: { [config] in config.configuration.services },
            targets: { [scrapeManager] in scrapeManager.targetHealth() },
            signals: { [self] service, start, end, step in
                try await self.signals(service: service, start: start, end: end, step: step)
            },
            currentSignals: { [self] service in try await self.currentSignals(service: service) },
            reload: { [self] in try await self.reload() },
            isReady: { [self] in self.ready.load(ordering: .relaxed) },
            anonymousRead: { [config] in config.configuration.auth.anonymousRead },
            metricsText: { [metrics] in metrics.exposition() },
            version: options.version
        )
        deps.slo = SLOAccess(
            statuses: { [sloRuntime] in await sloRuntime.currentStatuses() },
            series: { [self] id, from, to, step in try await self.sloSeries(id: id, from: from, to: to, step: step) },
            rules: { [config] slothNames in
                try SLOFormats.rules(for: config.configuration.services.flatMap(\.slos), slothNames: slothNames)
            },
            openSLO: { [config] in try SLOFormats.openSLO(config.configuration.services.flatMap(\.slos)) },
            convert: { text, fileName in try SLOFormats.convert(text, fileName: fileName) }
        )
        deps.heartbeats = HeartbeatAccess(
            ping: { [heartbeats] ping in try await heartbeats.ping(ping) },
            heartbeats: { [heartbeats] in heartbeats.statuses() },
            probes: { [probes] in probes.statuses() })
        deps.maintenance = MaintenanceAccess(
            list: { [alertPipeline, clock = options.clock] in
                await alertPipeline.maintenanceWindows(at: clock.now).map {
                    MaintenanceAccess.Listed(window: $0.window, activeNow: $0.activeNow)
                }
            },
            create: { [alertPipeline] window in
                let schedule: TimeIntervalSet
                do throws(ConfigError) {
                    schedule = try MaintenanceWindowParser.timeIntervals(window.timeIntervalsJSON, name: window.id)
                } catch {
                    return .failure(MaintenanceError(message: error.errors.map(\.message).joined(separator: "; ")))
                }
                try await alertPipeline.addMaintenanceWindow(window, schedule: schedule)
                return .success(())
            },
            delete: { [alertPipeline] id in try await alertPipeline.deleteMaintenanceWindow(id: id) })
        deps.alerting = AlertAccess(
            post: { [alertPipeline] alerts in try await alertPipeline.post(alerts).errorMessage },
            pagerDuty: { [alertPipeline] event, caller in
                switch try await alertPipeline.pagerDuty(event, caller: caller) {
                case .success(let key): .accepted(dedupKey: key)
                case .failure(let failure): .invalid(failure.errors)
                }
            },
            alerts: { [alertPipeline, clock = options.clock] in await alertPipeline.alertStates(at: clock.now) },
            groups: { [alertPipeline, clock = options.clock] in await alertPipeline.groupStates(at: clock.now) },
            silences: { [alertPipeline] in await alertPipeline.allSilences() },
            saveSilence: { [alertPipeline] silence in try await alertPipeline.saveSilence(silence) },
            expireSilence: { [alertPipeline] id in try await alertPipeline.expireSilence(id: id) },
            receivers: { [alertPipeline] in await alertPipeline.currentConfiguration.receivers.map(\.name) },
            configYAML: { [config] in
                ["global", "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "templates"]
                    .compactMap { key in config.configuration.passthrough[key].map { "\(key):\n" + Self.indent($0) } }
                    .joined()
            })
        return deps
    }

    private static func indent(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
    }

    /// Tokens declared in config are stored hashed (idempotently) so they work like created ones.
    private static func seedTokens(
        _ tokens: [ConfiguredToken], store: any SteadyStore, clock: any WallClock
    )
        async throws
    {
        for token in tokens {
            let hash = TokenSecrets.hash(token.secret)
            if try await store.token(secretHash: hash) != nil { continue }
            try await store.insertToken(
                APIToken(
                    id: "config-" + String(hash.prefix(12)), name: token.name, role: token.role, secretHash: hash,
                    createdAt: clock.now))
        }
    }
}

/// Errors from building or running a server.
public struct SteadyServerError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable { case unsupported(String) }
    private let kind: Kind

    public static func unsupported(_ message: String) -> SteadyServerError {
        SteadyServerError(kind: .unsupported(message))
    }

    public var description: String {
        switch kind {
        case .unsupported(let message): message
        }
    }
}
