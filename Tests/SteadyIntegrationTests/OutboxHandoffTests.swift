import Foundation
import Logging
import NIOCore
import NIOPosix
import SteadyModel
import SteadyStorage
import Synchronization
import Testing

@testable import SteadyServer

@Suite("Outbox handoff")
struct OutboxHandoffTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)

    static func item(_ id: String) -> OutboxItem {
        OutboxItem(
            id: id, receiver: "ops", integration: "webhook", integrationIndex: 0, dedupKey: "dedup-\(id)",
            notification: AlertNotification(
                receiver: "ops", groupKey: "{}:{}", groupLabels: Labels(["alertname": "A"]), alerts: [],
                flushedAt: now, externalURL: "http://127.0.0.1:4040"),
            createdAt: now, nextAttemptAt: now)
    }

    /// A fresh file store, an outbox service over it whose deliveries are recorded (ids, and the ids of those
    /// delivered on an event loop's thread), and its handoff.
    func withOutbox(
        _ body: (SQLStore, OutboxService, OutboxHandoff, borrowing Mutex<[String]>, borrowing Mutex<[String]>)
            async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-outbox-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "outbox-test")
        logger.logLevel = .critical
        let clock = ManualWallClock(now: Self.now)
        let store = try await SQLStore.openSQLite(path: "\(directory.path)/steady.db", logger: logger, clock: clock)
        do {
            _ = try await store.migrate()
            let delivered = Mutex<[String]>([])
            let onEventLoop = Mutex<[String]>([])
            let handoff = OutboxHandoff(wake: WakeSignal())
            let service = OutboxService(
                store: store, clock: clock, handoff: handoff,
                deliver: { item in
                    delivered.withLock { $0.append(item.id) }
                    if MultiThreadedEventLoopGroup.currentEventLoop != nil {
                        onEventLoop.withLock { $0.append(item.id) }
                    }
                    return DeliveryOutcome(kind: .delivered, status: 200)
                }, logger: logger)
            try await body(store, service, handoff, delivered, onEventLoop)
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    @Test("an item is attempted once whether it comes from the handoff, the store, or both")
    func noDoubleAttempt() {
        let handoff = OutboxHandoff(wake: WakeSignal())
        handoff.hand([Self.item("a"), Self.item("b"), Self.item("a")])
        // The store read sees "b" (committed) before the outbox took the handoff: the store's copy wins, once.
        #expect(handoff.claim([Self.item("b"), Self.item("c")]).map(\.item.id) == ["b", "c"])
        #expect(handoff.take().map(\.item.id) == ["a"])
        #expect(handoff.inFlightCount == 3)
        // In flight: neither a second store read nor a second handoff attempts them again.
        #expect(handoff.claim([Self.item("a"), Self.item("c")]).isEmpty)
        handoff.hand([Self.item("a")])
        #expect(handoff.take().isEmpty)
        for id in ["a", "b", "c"] { handoff.finish(id) }
        #expect(handoff.inFlightCount == 0)
        #expect(handoff.claim([Self.item("a")]).map(\.item.id) == ["a"])
    }

    @Test("handed items are delivered without a store read; stored items are still found after a restart")
    func drainsHandoffThenStore() async throws {
        try await withOutbox { store, service, handoff, delivered, _ in
            // Committed and handed over: delivered from memory, then marked delivered in the store.
            try await store.recordFlush(outbox: [Self.item("fresh")], log: [])
            handoff.hand([Self.item("fresh")])
            #expect(await service.drainOnce())
            #expect(delivered.withLock { $0 } == ["fresh"])
            #expect(try await store.outboxItems(OutboxQuery(state: .delivered)).map(\.id) == ["fresh"])

            // Committed but never handed over (the process stopped in between): the store read finds it.
            try await store.recordFlush(outbox: [Self.item("left-behind")], log: [])
            #expect(await service.drainOnce())
            #expect(delivered.withLock { $0 } == ["fresh", "left-behind"])
            #expect(await service.drainOnce() == false)
            #expect(handoff.inFlightCount == 0)
        }
    }

    @Test("an item handed before its commit is sent at once; its result is stored only after the commit")
    func earlyAttemptWaitsForTheCommit() async throws {
        try await withOutbox { store, service, handoff, delivered, _ in
            // Handed while its transaction runs: delivered, and the drain waits for the commit to store the result.
            let committed = CommitGate()
            handoff.hand([Self.item("early")], committed: committed)
            let drain = Task { await service.drainOnce() }
            while delivered.withLock({ $0 }).isEmpty { await Task.yield() }
            #expect(try await store.outboxItems(OutboxQuery()).isEmpty)
            try await store.recordFlush(outbox: [Self.item("early")], log: [])
            committed.open(committed: true)
            #expect(await drain.value)
            #expect(try await store.outboxItems(OutboxQuery(state: .delivered)).map(\.id) == ["early"])

            // Its transaction failed: the attempt happened, but no row is written for it.
            let failed = CommitGate()
            handoff.hand([Self.item("orphan")], committed: failed)
            failed.open(committed: false)
            #expect(await service.drainOnce())
            #expect(delivered.withLock { $0 } == ["early", "orphan"])
            #expect(try await store.outboxItem(id: "orphan") == nil)
            #expect(await failed.wait() == false)
            #expect(await CommitGate.committed.wait())
        }
    }

    @Test("on an event loop with the outbox idle, a lone item is attempted at once on that loop; otherwise queued")
    func handOverOnEventLoop() async throws {
        try await withOutbox { store, service, handoff, delivered, onEventLoop in
            try await store.recordFlush(outbox: [Self.item("inline"), Self.item("queued"), Self.item("busy")], log: [])
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            try await loop.submit { service.handOver([Self.item("inline")], committed: .committed) }.get()
            for _ in 0..<500 where handoff.inFlightCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(onEventLoop.withLock { $0 } == ["inline"])
            #expect(try await store.outboxItems(OutboxQuery(state: .delivered)).map(\.id) == ["inline"])
            #expect(handoff.take().isEmpty)

            // Another attempt in flight: the item waits for the outbox service like any other.
            handoff.hand([Self.item("busy")])
            #expect(handoff.take().map(\.item.id) == ["busy"])
            try await loop.submit { service.handOver([Self.item("queued")], committed: .committed) }.get()
            #expect(handoff.take().map(\.item.id) == ["queued"])
            for id in ["busy", "queued"] { handoff.finish(id) }

            // The last attempt in flight ending signals `settled` (a stopping outbox waits on it).
            await handoff.settled.wait(atMost: .seconds(3600), clock: ManualWallClock(now: Self.now))

            // Off an event loop: queued as well.
            service.handOver([Self.item("queued")], committed: .committed)
            #expect(handoff.take().map(\.item.id) == ["queued"])
            #expect(delivered.withLock { $0 } == ["inline"])
        }
    }
}
