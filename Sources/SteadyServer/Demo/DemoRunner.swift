import Foundation
public import Logging
import ServiceLifecycle
import SteadyAPI
public import SteadyDemoService
public import SteadyModel
import Synchronization

/// Options of `steady demo`.
public struct DemoOptions: Sendable {
    /// Steady's port (0 picks a free one).
    public var port: Int
    /// The checkout service's port (0 picks a free one).
    public var servicePort: Int
    public var dataDirectory: String
    public var scrapeInterval: Duration
    public var requestsPerSecond: Double
    /// Days of synthetic history written before the live data.
    public var backfillDays: Int
    /// Listen for SIGINT/SIGTERM/SIGHUP.
    public var handleSignals: Bool
    /// Stop the traffic after this many requests (tests); nil runs until shutdown.
    public var maxRequests: Int?
    /// Run this Prometheus binary too: it scrapes the demo service and sends its alerts to Steady.
    public var prometheusPath: String?

    public init(
        port: Int = 4040,
        servicePort: Int = 0,
        dataDirectory: String = "./.steady-demo",
        scrapeInterval: Duration = .seconds(5),
        requestsPerSecond: Double = 8,
        backfillDays: Int = 3,
        handleSignals: Bool = true,
        maxRequests: Int? = nil,
        prometheusPath: String? = nil
    ) {
        self.prometheusPath = prometheusPath
        self.maxRequests = maxRequests
        self.port = port
        self.servicePort = servicePort
        self.dataDirectory = dataDirectory
        self.scrapeInterval = scrapeInterval
        self.requestsPerSecond = requestsPerSecond
        self.backfillDays = backfillDays
        self.handleSignals = handleSignals
    }
}

/// What a running demo tells its user.
public struct DemoInfo: Sendable {
    public var steadyURL: String
    public var serviceURL: String
    /// An admin token for Steady's API, valid for this run's data directory.
    public var adminToken: String
    /// The bearer token of the checkout service's fault switch (`/admin/faults`).
    public var faultToken: String
    /// When live data starts (everything before is backfilled).
    public var liveSince: WallInstant
    /// The demo pager: the webhook receiver every alert pages.
    public var pagerURL: String
    /// The demo's Prometheus, when it runs one.
    public var prometheusURL: String?
}

/// `steady demo`: Steady, the checkout service and a traffic generator in one ServiceGroup on loopback.
public final class DemoRunner: Sendable {
    public let server: SteadyServer
    public let traffic: TrafficGenerator
    private let pager: DemoPager
    private let infoBox: LockedBox<DemoInfo>
    private let readyHook: LockedBox<(@Sendable (DemoInfo) async -> Void)?>

    public var info: DemoInfo { infoBox.withLock { $0 } }

    /// Prepares the demo: data directory, config, storage (with backfilled history) and companions.
    public static func make(options: DemoOptions, logger: Logger) async throws -> DemoRunner {
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        guard let servicePort = options.servicePort == 0 ? FreePort.find() : options.servicePort else {
            throw SteadyServerError.unsupported("no free loopback port for the demo service")
        }
        let clock = SystemWallClock()
        guard let pagerPort = FreePort.find() else {
            throw SteadyServerError.unsupported("no free loopback port for the demo pager")
        }
        let pager = DemoPager(port: pagerPort, clock: clock, logger: logger)
        let adminToken = TokenSecrets.generate()
        let faultToken = TokenSecrets.generate()
        let prometheusToken = options.prometheusPath.map { _ in TokenSecrets.generate() }
        let configuration = try DemoConfiguration.make(
            steadyPort: options.port, servicePort: servicePort, dataDirectory: options.dataDirectory,
            scrapeInterval: options.scrapeInterval, adminToken: adminToken, pagerURL: pager.url,
            prometheusToken: prometheusToken)
        let steadyPort = LockedBox(options.port)
        var prometheus: DemoPrometheus?
        if let path = options.prometheusPath, let token = prometheusToken {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw SteadyServerError.unsupported(
                    "--with-prometheus: \(path) is not an executable (Debian: apt-get install prometheus)")
            }
            guard let port = FreePort.find() else {
                throw SteadyServerError.unsupported("no free loopback port for the demo Prometheus")
            }
            prometheus = DemoPrometheus(
                executable: path, directory: options.dataDirectory + "/prometheus", port: port,
                steadyPort: { steadyPort.withLock { $0 } }, serviceTarget: "127.0.0.1:\(servicePort)", token: token,
                interval: options.scrapeInterval, logger: logger)
        }
        let serviceURL = "http://127.0.0.1:\(servicePort)"
        let demoService = DemoService(
            configuration: DemoServiceConfiguration(
                host: "127.0.0.1", port: servicePort, adminToken: faultToken,
                serviceName: DemoConfiguration.serviceName),
            logger: logger)
        let traffic = try TrafficGenerator(
            configuration: TrafficGeneratorConfiguration(
                baseURL: serviceURL, requestsPerSecond: options.requestsPerSecond, maxRequests: options.maxRequests),
            logger: logger)
        let serverBox = LockedBox<SteadyServer?>(nil)
        let liveSince = clock.now
        let infoBox = LockedBox(
            DemoInfo(
                steadyURL: "http://127.0.0.1:\(options.port)", serviceURL: serviceURL, adminToken: adminToken,
                faultToken: faultToken, liveSince: liveSince, pagerURL: pager.url, prometheusURL: prometheus?.url))
        let readyHook = LockedBox<(@Sendable (DemoInfo) async -> Void)?>(nil)
        let waitForScrape = WaitThenRun(inner: traffic) {
            guard let server = serverBox.withLock({ $0 }) else { return false }
            return server.targetHealth().contains { $0.health == .up }
        }
        let server = try await SteadyServer.make(
            configuration: configuration,
            options: ServerOptions(
                clock: clock,
                companions: [
                    .init(service: demoService),
                    .init(service: pager),
                    .init(service: waitForScrape, successTerminationBehavior: .ignore),
                ] + (prometheus.map { [.init(service: $0)] } ?? []),
                onListening: { port in
                    steadyPort.withLock { $0 = port }
                    let info = infoBox.withLock { info -> DemoInfo in
                        info.steadyURL = "http://127.0.0.1:\(port)"
                        return info
                    }
                    if let hook = readyHook.withLock({ $0 }) { await hook(info) }
                },
                handleSignals: options.handleSignals
            ),
            logger: logger
        )
        serverBox.withLock { $0 = server }
        if options.backfillDays > 0 {
            let written = try await DemoBackfill.run(
                store: server.store, service: DemoConfiguration.serviceName, end: liveSince,
                days: options.backfillDays, slos: server.configuration.services.flatMap(\.slos))
            logger.info("demo history backfilled", metadata: ["minutes": "\(written)"])
        }
        return DemoRunner(server: server, traffic: traffic, pager: pager, infoBox: infoBox, readyHook: readyHook)
    }

    private init(
        server: SteadyServer, traffic: TrafficGenerator, pager: DemoPager, infoBox: LockedBox<DemoInfo>,
        readyHook: LockedBox<(@Sendable (DemoInfo) async -> Void)?>
    ) {
        self.server = server
        self.traffic = traffic
        self.pager = pager
        self.infoBox = infoBox
        self.readyHook = readyHook
    }

    /// Runs until shutdown; `onReady` is called once Steady is listening.
    public func run(onReady: @escaping @Sendable (DemoInfo) async -> Void = { _ in }) async throws {
        readyHook.withLock { $0 = onReady }
        try await server.run()
    }

    public func shutdown() async { await server.shutdown() }

    /// Every notification the demo pager received, oldest first.
    public func pages() -> [DemoPage] { pager.received() }

    /// Called for each page as it arrives (the CLI prints them).
    public func onPage(_ hook: @escaping @Sendable (DemoPage) -> Void) { pager.setOnPage(hook) }
}
