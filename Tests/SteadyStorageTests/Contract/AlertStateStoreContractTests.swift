import SteadyModel
import Synchronization
import Testing

@testable import SteadyStorage

@Suite("AlertStateStore and OutboxStore contract")
struct AlertStateStoreContractTests {
    static func alert(_ name: String, ends: Int, nanos: Int64 = 0) -> Alert {
        Alert(
            labels: Labels(["alertname": name, "service": "checkout"]),
            annotations: Labels([
                "summary": "\(name) is firing", "runbook": "https://runbooks/\(name)?a=1&b=\"2\"",
                "detail": "line 1\nline 2\t\u{1}\\ é 🚨",
            ]),
            startsAt: minute(0).advanced(by: .nanoseconds(nanos)), endsAt: minute(ends),
            generatorURL: "http://prometheus:9090/graph?g0.expr=up", updatedAt: minute(0), timeout: ends == 5)
    }

    static func silence(_ id: String, ends: Int) throws -> Silence {
        Silence(
            id: id,
            matchers: [
                try LabelMatcher(name: "service", op: .equal, value: "checkout"),
                try LabelMatcher(name: "alertname", op: .regexMatch, value: "High.*|Low"),
            ],
            startsAt: minute(0), endsAt: minute(ends), updatedAt: minute(0), createdBy: "ops", comment: "deploy")
    }

    @Test(arguments: StoreFactory.all)
    func alertsUpsertByFingerprintAndKeepNanoseconds(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let first = Self.alert("HighLatency", ends: 5, nanos: 123_456_789)
            try await store.saveAlerts([first, Self.alert("LowTraffic", ends: 10)])
            var updated = first
            updated.endsAt = minute(3)
            updated.timeout = false
            updated.annotations = Labels(["summary": "changed"])
            try await store.saveAlerts([updated])
            let stored = try await store.alerts()
            #expect(stored.count == 2)
            #expect(stored.first { $0.name == "HighLatency" } == updated)
            #expect(stored.first { $0.name == "LowTraffic" } == Self.alert("LowTraffic", ends: 10))
            #expect(try await store.deleteAlerts(resolvedBefore: minute(4)) == 1)
            #expect(try await store.alerts().map(\.name) == ["LowTraffic"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func compactionKeepsTheLatestVersionOfEveryAlert(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let threshold = 1_024
            (store as? SQLStore)?.alertLog.withLock { $0.compactionThreshold = threshold }
            var tracked = Self.alert("Tracked", ends: 60)
            try await store.saveAlerts([tracked])
            // Enough distinct alerts to start background compactions mid-way, with updates of `tracked` before,
            // inside and after the batches that start them.
            let batch = 256
            let rounds = 4 * threshold / batch + 2
            for round in 0..<rounds {
                var alerts = (0..<batch).map { index in
                    var alert = Self.alert("Bulk\(round * batch + index)", ends: 30)
                    alert.annotations = Labels(["round": "\(round)"])
                    return alert
                }
                tracked.annotations = Labels(["version": "\(round)"])
                tracked.endsAt = minute(60 + round)
                alerts.insert(tracked, at: batch / 2)
                try await store.saveAlerts(alerts)
            }
            tracked.annotations = Labels(["version": "last"])
            try await store.saveAlerts([tracked])
            if let store = store as? SQLStore { await store.waitForAlertLogCompaction() }
            let stored = try await store.alerts()
            #expect(stored.count == rounds * batch + 1)
            #expect(stored.first { $0.name == "Tracked" } == tracked)
            #expect(stored.first { $0.name == "Bulk0" }?.annotations == Labels(["round": "0"]))
            // Deletion sees alerts in the snapshot and in the log after it.
            try await store.saveAlerts([Self.alert("Resolved", ends: 1)])
            #expect(try await store.deleteAlerts(resolvedBefore: minute(2)) == 1)
            #expect(try await store.alerts().count == rounds * batch + 1)
            #expect(try await store.deleteAlerts(resolvedBefore: minute(31)) == rounds * batch)
            #expect(try await store.alerts() == [tracked])
            #expect(try await store.deleteAlerts(resolvedBefore: minute(31)) == 0)
        }
    }

    @Test(arguments: StoreFactory.all)
    func silencesAndNotificationLog(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let silence = try Self.silence("6f0c6f0c-1", ends: 60)
            try await store.saveSilence(silence)
            try await store.saveSilence(try Self.silence("6f0c6f0c-2", ends: 2))
            var expired = silence
            expired.endsAt = minute(1)
            try await store.saveSilence(expired)
            let silences = try await store.silences()
            #expect(silences.count == 2)
            #expect(silences.first { $0.id == silence.id } == expired)
            #expect(
                silences.first { $0.id == silence.id }?.matches(Labels(["service": "checkout", "alertname": "Low"]))
                    == true)
            #expect(try await store.deleteSilences(endedBefore: minute(2)) == 1)
            #expect(try await store.silences().map(\.id) == ["6f0c6f0c-2"])

            let entry = NotificationLogEntry(
                receiverKey: "ops/webhook/0", groupKey: "{}:{alertname=\"HighLatency\"}",
                firing: [AlertFingerprint(value: 1), AlertFingerprint(value: 0xFFFF_FFFF_FFFF_FFFF)],
                resolved: [AlertFingerprint(value: 42)], timestamp: minute(1), expiresAt: minute(100))
            try await store.saveNotificationLog([entry])
            var later = entry
            later.firing = []
            later.timestamp = minute(2)
            try await store.saveNotificationLog([
                later,
                NotificationLogEntry(
                    receiverKey: "ops/slack/0", groupKey: entry.groupKey, firing: [], resolved: [],
                    timestamp: minute(1),
                    expiresAt: minute(3)),
            ])
            let log = try await store.notificationLog()
            #expect(log.count == 2)
            #expect(log.first { $0.receiverKey == "ops/webhook/0" } == later)
            #expect(try await store.deleteNotificationLog(expiredBefore: minute(50)) == 1)
            #expect(try await store.notificationLog() == [later])
        }
    }

    @Test(arguments: StoreFactory.all)
    func outboxDueItemsUpdatesAndHistory(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let notification = AlertNotification(
                receiver: "ops", groupKey: "{}:{}", groupLabels: Labels(["service": "checkout"]),
                alerts: [Self.alert("HighLatency", ends: 5, nanos: 7)],
                flushedAt: minute(1).advanced(by: .nanoseconds(3)),
                externalURL: "http://127.0.0.1:4040")
            func item(_ id: String, next: Int, receiver: String = "ops") -> OutboxItem {
                OutboxItem(
                    id: id, receiver: receiver, integration: "webhook", integrationIndex: 0, dedupKey: "dedup-\(id)",
                    notification: notification, createdAt: minute(next), nextAttemptAt: minute(next))
            }
            try await store.enqueueOutbox([item("a", next: 1), item("b", next: 3), item("c", next: 2, receiver: "dev")])
            #expect(try await store.dueOutboxItems(at: minute(2), limit: 10).map(\.id) == ["a", "c"])
            #expect(try await store.dueOutboxItems(at: minute(2), limit: 1).map(\.id) == ["a"])
            #expect(try await store.dueOutboxItems(at: minute(2), limit: 1).first?.notification == notification)

            var delivered = item("a", next: 1)
            delivered.state = .delivered
            delivered.attempts = 2
            delivered.lastAttemptAt = minute(2)
            delivered.lastStatus = 200
            try await store.updateOutboxItem(delivered)
            var retry = item("c", next: 2, receiver: "dev")
            retry.attempts = 1
            retry.nextAttemptAt = minute(9)
            retry.lastError = "HTTP 503"
            retry.lastStatus = 503
            try await store.updateOutboxItem(retry)
            // Recording an attempt of an item that was never enqueued creates nothing.
            try await store.updateOutboxItem(item("zzz", next: 1))

            #expect(try await store.dueOutboxItems(at: minute(5), limit: 10).map(\.id) == ["b"])
            #expect(try await store.outboxItem(id: "a") == delivered)
            #expect(try await store.outboxItem(id: "c") == retry)
            #expect(try await store.outboxItem(id: "zzz") == nil)
            #expect(try await store.outboxItems(OutboxQuery()).map(\.id) == ["b", "c", "a"])
            #expect(try await store.outboxItems(OutboxQuery(receiver: "dev")).map(\.id) == ["c"])
            #expect(try await store.outboxItems(OutboxQuery(state: .delivered)).map(\.id) == ["a"])
            #expect(try await store.outboxItems(OutboxQuery(since: minute(2), limit: 1)).map(\.id) == ["b"])
            // Pending items are never pruned, finished ones are.
            #expect(try await store.deleteOutboxItems(finishedBefore: minute(100)) == 1)
            #expect(try await store.outboxItems(OutboxQuery()).map(\.id) == ["b", "c"])
        }
    }

    /// One flush is one write: outbox items and log entries land together, or (on a conflicting item id) neither.
    @Test(arguments: StoreFactory.all)
    func recordFlushIsAllOrNothing(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let notification = AlertNotification(
                receiver: "ops", groupKey: "{}:{}", groupLabels: Labels(), alerts: [Self.alert("A", ends: 5)],
                flushedAt: minute(1), externalURL: "http://127.0.0.1:4040")
            let item = OutboxItem(
                id: "flush-1", receiver: "ops", integration: "webhook", integrationIndex: 0, dedupKey: "k",
                notification: notification, createdAt: minute(1), nextAttemptAt: minute(1))
            let entry = NotificationLogEntry(
                receiverKey: "ops/webhook/0", groupKey: "{}:{}", firing: [AlertFingerprint(value: 7)], resolved: [],
                timestamp: minute(1), expiresAt: minute(100))
            try await store.recordFlush(outbox: [item], log: [entry])
            #expect(try await store.outboxItems(OutboxQuery()).map(\.id) == ["flush-1"])
            #expect(try await store.notificationLog() == [entry])

            var second = entry
            second.timestamp = minute(2)
            await #expect(throws: (any Error).self) {
                try await store.recordFlush(outbox: [item], log: [second])
            }
            #expect(try await store.notificationLog() == [entry], "a failed flush must not write its log entries")
            // The failed transaction was rolled back: the next flush goes through.
            var next = item
            next.id = "flush-2"
            try await store.recordFlush(outbox: [next], log: [second])
            #expect(try await store.notificationLog() == [second])
            #expect(try await store.outboxItems(OutboxQuery()).map(\.id).sorted() == ["flush-1", "flush-2"])
        }
    }

    @Test(arguments: StoreFactory.durable)
    func pipelineStateSurvivesARestart(_ factory: StoreFactory) async throws {
        try await withDatabase(factory) { database in
            let first = try await database.open()
            let silence = try Self.silence("s1", ends: 60)
            let alert = Self.alert("HighLatency", ends: 5, nanos: 1)
            try await closing(first) {
                try await first.migrate()
                try await first.saveAlerts([alert])
                try await first.saveSilence(silence)
            }
            let second = try await database.open()
            try await closing(second) {
                try await second.migrate()
                #expect(try await second.alerts() == [alert])
                #expect(try await second.silences() == [silence])
            }
        }
    }
}
