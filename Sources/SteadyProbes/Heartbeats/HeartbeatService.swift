public import Logging
public import ServiceLifecycle
public import SteadyModel

/// Runs the heartbeats: restores their last pings, ticks them every `tickInterval`, and hands every alert change to
/// `emit` in order (the server posts them into the alert pipeline).
///
/// ```swift
/// let service = HeartbeatService(
///     registry: registry, clock: clock, emit: { alerts in await pipeline.receive(alerts) }, logger: logger)
/// let group = ServiceGroup(services: [service, …], logger: logger)
/// ```
public struct HeartbeatService: Service {
    let registry: HeartbeatRegistry
    let clock: any WallClock
    let tickInterval: Duration
    let emit: @Sendable ([Alert]) async -> Void
    let logger: Logger

    public init(
        registry: HeartbeatRegistry, clock: any WallClock, tickInterval: Duration = .seconds(10),
        emit: @escaping @Sendable ([Alert]) async -> Void, logger: Logger = Logger(label: "steady.heartbeats")
    ) {
        self.registry = registry
        self.clock = clock
        self.tickInterval = tickInterval
        self.emit = emit
        self.logger = logger
    }

    public func run() async throws {
        let registry = registry
        let emit = emit
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await batch in registry.alerts { await emit(batch) }
            }
            group.addTask {
                await cancelWhenGracefulShutdown {
                    await registry.restore()
                    while !Task.isCancelled {
                        // The next tick is due one interval after this one started: reading the clock again after
                        // the tick would skip a tick whenever time moved on while it ran.
                        let started = clock.now
                        registry.tick()
                        do {
                            try await clock.sleep(until: started.advanced(by: tickInterval), tolerance: nil)
                        } catch {
                            break
                        }
                    }
                }
                registry.finish()
            }
        }
        logger.debug("heartbeat service stopped")
    }
}
