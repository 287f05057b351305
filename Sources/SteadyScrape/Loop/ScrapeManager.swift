public import Logging
public import ServiceLifecycle
public import SteadyModel
import Synchronization

/// Runs one scrape loop per target and keeps their health. Targets can be replaced at any time (config reload);
/// loops whose target is unchanged keep running undisturbed.
public final class ScrapeManager: Service, Sendable {
    /// What the manager calls out to. Closures keep SteadyScrape free of the parser, the signal engine and storage.
    public struct Hooks: Sendable {
        /// Parses a body of `target` given its content type (calls for one target never overlap, so a parser
        /// with per-target caches can be kept).
        public var parse:
            @Sendable (_ target: ScrapeTarget, _ body: [UInt8], _ contentType: String?) throws -> ScrapeBody
        /// Receives every scrape outcome, successful or not, in order per target.
        public var ingest: @Sendable (ScrapeOutcome) async -> Void
        /// Receives health transitions (`target.down`, `target.up`).
        public var event: @Sendable (NewEvent) async -> Void

        public init(
            parse:
                @escaping @Sendable (_ target: ScrapeTarget, _ body: [UInt8], _ contentType: String?) throws
                -> ScrapeBody,
            ingest: @escaping @Sendable (ScrapeOutcome) async -> Void,
            event: @escaping @Sendable (NewEvent) async -> Void = { _ in }
        ) {
            self.parse = parse
            self.ingest = ingest
            self.event = event
        }
    }

    private enum Command: Sendable {
        case start(ScrapeTarget, LoopStopper)
    }

    private struct State {
        var loops: [String: (target: ScrapeTarget, stopper: LoopStopper)] = [:]
        var health: [String: TargetHealth] = [:]
    }

    private let fetcher: any ScrapeFetcher
    private let clock: any WallClock
    private let hooks: Hooks
    private let logger: Logger
    private let state = Mutex(State())
    private let commands: AsyncStream<Command>
    private let commandSink: AsyncStream<Command>.Continuation

    public init(
        targets: [ScrapeTarget],
        fetcher: any ScrapeFetcher,
        clock: any WallClock,
        hooks: Hooks,
        logger: Logger
    ) {
        self.fetcher = fetcher
        self.clock = clock
        self.hooks = hooks
        self.logger = logger
        (commands, commandSink) = AsyncStream.makeStream(of: Command.self)
        update(targets: targets)
    }

    /// Replaces the target set: new targets start, removed ones stop, changed ones restart; unchanged ones go on.
    public func update(targets: [ScrapeTarget]) {
        let starts = state.withLock { state -> [(ScrapeTarget, LoopStopper)] in
            var wanted: [String: ScrapeTarget] = [:]
            for target in targets { wanted[target.key] = target }
            for (key, loop) in state.loops where wanted[key] != loop.target {
                loop.stopper.stop()
                state.loops[key] = nil
                if wanted[key] == nil { state.health[key] = nil }
            }
            var starts: [(ScrapeTarget, LoopStopper)] = []
            for (key, target) in wanted where state.loops[key] == nil {
                let stopper = LoopStopper()
                state.loops[key] = (target, stopper)
                let previous = state.health[key]
                state.health[key] = TargetHealth(
                    service: target.service,
                    url: target.url,
                    health: previous?.health ?? .unknown,
                    lastScrape: previous?.lastScrape,
                    lastScrapeDurationSeconds: previous?.lastScrapeDurationSeconds,
                    lastError: previous?.lastError,
                    samplesScraped: previous?.samplesScraped ?? 0,
                    intervalSeconds: target.interval.seconds,
                    consecutiveFailures: previous?.consecutiveFailures ?? 0
                )
                starts.append((target, stopper))
            }
            return starts
        }
        for (target, stopper) in starts { commandSink.yield(.start(target, stopper)) }
    }

    /// Current health of every target, sorted by service then URL.
    public func targetHealth() -> [TargetHealth] {
        state.withLock { state in
            state.health.values.sorted { ($0.service, $0.url) < ($1.service, $1.url) }
        }
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await command in self.commands {
                    switch command {
                    case .start(let target, let stopper):
                        group.addTask { await self.runLoop(target: target, stopper: stopper) }
                    }
                }
                group.cancelAll()
            }
        }
        for loop in state.withLock({ Array($0.loops.values) }) { loop.stopper.stop() }
    }

    private func runLoop(target: ScrapeTarget, stopper: LoopStopper) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.scrapeForever(target: target, stopper: stopper) }
            group.addTask { await stopper.wait() }
            await group.next()
            group.cancelAll()
        }
        logger.debug("scrape loop stopped", metadata: ["target": "\(target.url)"])
    }

    private func scrapeForever(target: ScrapeTarget, stopper: LoopStopper) async {
        let interval = target.interval
        var next = clock.now.truncated(to: interval).advanced(by: target.phaseOffset)
        if next < clock.now { next = next.advanced(by: interval) }
        while !Task.isCancelled && !stopper.isStopped {
            do {
                try await clock.sleep(until: next, tolerance: nil)
            } catch {
                return
            }
            if stopper.isStopped { return }
            await scrapeOnce(target: target)
            next = next.advanced(by: interval)
            let now = clock.now
            if next < now {
                // Overran (slow scrape or suspended process): skip missed slots, keep the phase.
                let missed = next.duration(to: now).nanoseconds / max(interval.nanoseconds, 1) + 1
                next = next.advanced(by: .nanoseconds(missed * interval.nanoseconds))
            }
        }
    }

    /// Scrapes a target once, records its health and hands the outcome to the ingest hook.
    @discardableResult
    public func scrapeOnce(target: ScrapeTarget) async -> ScrapeOutcome {
        let start = clock.now
        var body: ScrapeBody?
        var failure: String?
        do {
            let (bytes, contentType) = try await fetcher.fetch(url: target.url, timeout: target.timeout)
            do {
                body = try hooks.parse(target, bytes, contentType)
            } catch {
                throw ScrapeError.parse(String(describing: error))
            }
        } catch {
            failure = String(describing: error)
        }
        let duration = start.duration(to: clock.now)
        if var parsed = body {
            ScrapeLabels.apply(target: target, to: &parsed, up: true, duration: duration)
            body = parsed
        }
        let outcome = ScrapeOutcome(target: target, time: start, duration: duration, body: body, error: failure)
        await record(outcome)
        await hooks.ingest(outcome)
        return outcome
    }

    private func record(_ outcome: ScrapeOutcome) async {
        let key = outcome.target.key
        let transition = state.withLock { state -> (old: TargetHealth.Health, new: TargetHealth.Health)? in
            guard var health = state.health[key] else { return nil }
            let old = health.health
            health.lastScrape = outcome.time
            health.lastScrapeDurationSeconds = outcome.duration.seconds
            if let body = outcome.body {
                health.health = .up
                health.lastError = nil
                health.samplesScraped = body.samples.count
                health.consecutiveFailures = 0
            } else {
                health.health = .down
                health.lastError = outcome.error
                health.samplesScraped = 0
                health.consecutiveFailures += 1
            }
            state.health[key] = health
            return (old, health.health)
        }
        guard let transition, transition.old != transition.new else { return }
        let target = outcome.target
        if transition.new == .down {
            logger.warning(
                "target down",
                metadata: ["service": "\(target.service)", "url": "\(target.url)", "error": "\(outcome.error ?? "")"]
            )
            await hooks.event(
                NewEvent(
                    time: outcome.time,
                    kind: "target.down",
                    severity: .warning,
                    service: target.service,
                    message: "Scrape of \(target.url) failed: \(outcome.error ?? "unknown error")",
                    attributes: ["url": target.url]
                )
            )
        } else if transition.new == .up && transition.old == .down {
            logger.info("target up", metadata: ["service": "\(target.service)", "url": "\(target.url)"])
            await hooks.event(
                NewEvent(
                    time: outcome.time,
                    kind: "target.up",
                    service: target.service,
                    message: "Scrape of \(target.url) succeeded again",
                    attributes: ["url": target.url]
                )
            )
        }
    }
}
