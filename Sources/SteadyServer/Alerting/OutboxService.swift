import Logging
import NIOPosix
import Resilience
import ServiceLifecycle
import SteadyHummingbird
import SteadyModel
import Synchronization

/// Delivers the durable outbox: due items are sent through `deliver`, with capped, jittered exponential backoff for
/// retryable failures, a circuit breaker per receiver (an open breaker postpones that receiver's items without
/// spending attempts), and a final `failed` state for permanent errors or after `maximumAttempts`. Every state
/// change is written back before the next item, so a restart resumes where this left off. Items the pipeline
/// has just committed arrive through ``OutboxHandoff`` and are attempted without a store read first.
struct OutboxService: Service {
    let store: any SteadyStore
    let clock: any WallClock
    let handoff: OutboxHandoff
    let deliver: @Sendable (OutboxItem) async -> DeliveryOutcome
    let logger: Logger
    var backoff = Backoff.exponential(base: .seconds(1), multiplier: 2, cap: .seconds(300))
    var maximumAttempts = 20
    var batchSize = 64
    var maximumSleep: Duration = .seconds(1)
    let breakers = Breakers()

    /// One consecutive-failures breaker per receiver.
    final class Breakers: Sendable {
        private let breakers = Mutex<[String: CircuitBreaker<ErasedWallClock>]>([:])

        func breaker(for receiver: String, clock: any WallClock) -> CircuitBreaker<ErasedWallClock> {
            breakers.withLock { breakers in
                if let breaker = breakers[receiver] { return breaker }
                let breaker = CircuitBreaker(
                    configuration: .consecutive(failures: 5, resetTimeout: .seconds(30)),
                    clock: ErasedWallClock(base: clock))
                breakers[receiver] = breaker
                return breaker
            }
        }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let worked = await drainOnce()
                if !worked { await handoff.wake.wait(atMost: maximumSleep, clock: clock) }
            }
        }
        // An attempt started by `handOver` outside this task finishes before the store closes (at most 5 s).
        let deadline = clock.now.advanced(by: .seconds(5))
        while handoff.inFlightCount > 0, !Task.isCancelled, clock.now < deadline {
            await handoff.settled.wait(atMost: clock.now.duration(to: deadline), clock: clock)
        }
    }

    /// Takes the items a flush just built. On a SwiftNIO event loop with the outbox idle, a lone item is attempted
    /// at once in a task on that loop, so the request that planned it, the attempt and the write to the receiver
    /// all run on one thread (the HTTP server runs handlers on their connection's loop, and the kept-alive client
    /// prefers a connection on the calling loop). Otherwise the items are queued and this service is woken.
    func handOver(_ items: [OutboxItem], committed: CommitGate) {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop,
            let lone = handoff.takeLone(items, committed: committed)
        {
            Task(executorPreference: EventLoopTaskExecutor(loop)) {
                await attempt(lone.item, committed: lone.committed)
                handoff.finish(lone.item.id)
            }
            return
        }
        handoff.hand(items, committed: committed)
    }

    /// Attempts every due item once; returns whether there was anything due.
    @discardableResult
    func drainOnce() async -> Bool {
        var due = handoff.take()
        if due.isEmpty {
            do {
                due = handoff.claim(try await store.dueOutboxItems(at: clock.now, limit: batchSize))
            } catch {
                logger.warning("outbox read failed", metadata: ["error": "\(error)"])
                return false
            }
        }
        guard !due.isEmpty else { return false }
        if due.count == 1, let handed = due.first {
            // The usual case (one notification handed over by a flush): no child task to schedule.
            await attempt(handed.item, committed: handed.committed)
            handoff.finish(handed.item.id)
            return true
        }
        await withTaskGroup(of: Void.self) { group in
            for handed in due {
                group.addTask {
                    await attempt(handed.item, committed: handed.committed)
                    handoff.finish(handed.item.id)
                }
            }
        }
        return true
    }

    /// Attempts `item` once and stores the outcome once `committed` says its row exists.
    func attempt(_ item: OutboxItem, committed: CommitGate = .committed) async {
        var item = item
        let breaker = breakers.breaker(for: item.receiver, clock: clock)
        let started = clock.now
        let outcome: DeliveryOutcome
        do {
            outcome = try await breaker.execute {
                let outcome = await deliver(item)
                if outcome.kind == .retryable { throw RetryableDelivery(outcome: outcome) }
                return outcome
            }
        } catch let failure as RetryableDelivery {
            outcome = failure.outcome
        } catch let error as ResilienceError {
            // The receiver's breaker is open: postpone without spending an attempt.
            item.nextAttemptAt = started.advanced(by: error.retryAfter ?? .seconds(30))
            item.lastError = "circuit open for receiver \(item.receiver)"
            await save(item, committed: committed)
            return
        } catch {
            outcome = DeliveryOutcome(kind: .retryable, message: "\(error)")
        }
        let now = clock.now
        item.attempts += 1
        item.lastAttemptAt = now
        item.lastStatus = outcome.status
        item.lastError = outcome.message
        switch outcome.kind {
        case .delivered:
            item.state = .delivered
            item.lastError = nil
        case .permanent:
            item.state = .failed
        case .retryable:
            if item.attempts >= maximumAttempts {
                item.state = .failed
                item.lastError = "gave up after \(item.attempts) attempts: \(outcome.message ?? "error")"
            } else {
                var delay = backoff.delay(
                    forRetry: item.attempts, previous: backoff.initialPrevious, random: Double.random(in: 0..<1))
                if let retryAfter = outcome.retryAfter { delay = max(delay, retryAfter) }
                item.nextAttemptAt = now.advanced(by: delay)
            }
        }
        if item.state != .pending {
            logger.log(
                level: item.state == .delivered ? .debug : .warning,
                "notification \(item.state.rawValue)",
                metadata: [
                    "receiver": "\(item.receiver)", "integration": "\(item.integration)", "id": "\(item.id)",
                    "attempts": "\(item.attempts)", "error": "\(item.lastError ?? "")",
                ])
        }
        await save(item, committed: committed)
    }

    private func save(_ item: OutboxItem, committed: CommitGate) async {
        guard await committed.wait() else {
            // The flush's transaction failed: the row does not exist and the group flushes again later.
            logger.debug("attempt of an uncommitted notification not saved", metadata: ["id": "\(item.id)"])
            return
        }
        do {
            try await store.updateOutboxItem(item)
        } catch {
            logger.error("outbox update failed", metadata: ["id": "\(item.id)", "error": "\(error)"])
        }
    }
}

private struct RetryableDelivery: Error {
    var outcome: DeliveryOutcome
}
