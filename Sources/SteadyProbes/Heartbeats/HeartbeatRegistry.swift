import Foundation
public import Logging
public import SteadyModel
import Synchronization

/// The heartbeats of the configuration: receives pings, ticks their monitors, keeps their last pings durable, and
/// queues the alert changes (``alerts``) that ``HeartbeatService`` hands to the pipeline in order.
///
/// Each check's ``HeartbeatRecord`` is stored as JSON under the setting `heartbeat.<uuid>.last_ping` before a ping
/// is acknowledged, so a restart cannot hide a job that died while Steady was down.
///
/// ```swift
/// let registry = HeartbeatRegistry(heartbeats: config.heartbeats, store: store, clock: clock, logger: logger)
/// let found = try await registry.ping(HeartbeatPing(uuid: uuid, kind: .success))   // false → 404
/// ```
public final class HeartbeatRegistry: Sendable {
    private struct State {
        var monitors: [String: HeartbeatMonitor]
        var order: [String]
    }

    private let state: Mutex<State>
    private let store: (any SettingStore)?
    private let clock: any WallClock
    private let logger: Logger
    private let continuation: AsyncStream<[Alert]>.Continuation
    /// Alert changes in the order they happened; one consumer (``HeartbeatService``).
    public let alerts: AsyncStream<[Alert]>

    /// - Parameters:
    ///   - heartbeats: the configured checks (UUIDs must be unique; later duplicates are ignored).
    ///   - store: where last pings are kept; nil keeps them in memory only.
    public init(
        heartbeats: [HeartbeatSpec], store: (any SettingStore)?, clock: any WallClock,
        logger: Logger = Logger(label: "steady.heartbeats")
    ) {
        var monitors: [String: HeartbeatMonitor] = [:]
        var order: [String] = []
        for spec in heartbeats where monitors[spec.uuid] == nil {
            monitors[spec.uuid] = HeartbeatMonitor(spec: spec)
            order.append(spec.uuid)
        }
        state = Mutex(State(monitors: monitors, order: order))
        self.store = store
        self.clock = clock
        self.logger = logger
        (alerts, continuation) = AsyncStream.makeStream(of: [Alert].self)
    }

    /// The setting key holding a check's durable record.
    public static func settingKey(uuid: String) -> String { "heartbeat.\(uuid.lowercased()).last_ping" }

    /// Applies a ping; returns false for an unknown UUID (the ping route answers 404). Throws when the ping could
    /// not be stored (the route answers 5xx so the sender retries); the ping is still applied in memory.
    @discardableResult
    public func ping(_ ping: HeartbeatPing) async throws -> Bool {
        let now = clock.now
        let outcome = state.withLock { state -> (HeartbeatRecord, [HeartbeatMonitor.Action])? in
            guard var monitor = state.monitors[ping.uuid] else { return nil }
            let actions = monitor.ping(ping.kind, at: now, body: ping.body)
            state.monitors[ping.uuid] = monitor
            return (monitor.record, actions)
        }
        guard let (record, actions) = outcome else {
            logger.debug("ping for unknown heartbeat", metadata: ["uuid": "\(ping.uuid)"])
            return false
        }
        logger.debug("heartbeat ping", metadata: ["uuid": "\(ping.uuid)", "kind": "\(ping.kind)"])
        publish(actions)
        try await persist(record, uuid: ping.uuid)
        return true
    }

    /// Re-evaluates every check at the clock's current time.
    public func tick() {
        let now = clock.now
        let actions = state.withLock { state -> [HeartbeatMonitor.Action] in
            var actions: [HeartbeatMonitor.Action] = []
            for uuid in state.order {
                guard var monitor = state.monitors[uuid] else { continue }
                actions += monitor.tick(now)
                state.monitors[uuid] = monitor
            }
            return actions
        }
        publish(actions)
    }

    /// Loads every check's stored record (newer in-memory pings win) and re-evaluates. Unreadable records are
    /// logged and skipped.
    public func restore() async {
        await restore(uuids: state.withLock { $0.order })
    }

    private func restore(uuids: [String]) async {
        guard let store else { return }
        for uuid in uuids {
            let text: String?
            do {
                text = try await store.setting(Self.settingKey(uuid: uuid))
            } catch {
                logger.error("cannot read heartbeat state", metadata: ["uuid": "\(uuid)", "error": "\(error)"])
                continue
            }
            guard let text else { continue }
            guard let record = try? JSONDecoder().decode(HeartbeatRecord.self, from: Data(text.utf8)) else {
                logger.warning("ignoring unreadable heartbeat state", metadata: ["uuid": "\(uuid)"])
                continue
            }
            let now = clock.now
            let actions = state.withLock { state -> [HeartbeatMonitor.Action] in
                guard var monitor = state.monitors[uuid] else { return [] }
                let actions = monitor.restore(record, at: now)
                state.monitors[uuid] = monitor
                return actions
            }
            publish(actions)
        }
    }

    /// Swaps in a new list of checks (configuration reload). Checks that keep their UUID keep their pings; new ones
    /// are restored from the store; alerts of removed or renamed checks are resolved.
    public func replace(heartbeats: [HeartbeatSpec]) async {
        let now = clock.now
        let (added, actions) = state.withLock { state -> ([String], [HeartbeatMonitor.Action]) in
            let previousFiring = state.order.compactMap { state.monitors[$0]?.firingAlert }
            var monitors: [String: HeartbeatMonitor] = [:]
            var order: [String] = []
            var added: [String] = []
            var actions: [HeartbeatMonitor.Action] = []
            for spec in heartbeats where monitors[spec.uuid] == nil {
                var monitor = HeartbeatMonitor(
                    spec: spec, record: state.monitors[spec.uuid]?.record ?? HeartbeatRecord())
                if state.monitors[spec.uuid] == nil { added.append(spec.uuid) }
                actions += monitor.tick(now)
                monitors[spec.uuid] = monitor
                order.append(spec.uuid)
            }
            let stillFiring = Set(monitors.values.compactMap { $0.firingAlert?.labels })
            var resolved: [HeartbeatMonitor.Action] = []
            for var alert in previousFiring where !stillFiring.contains(alert.labels) {
                alert.endsAt = now
                alert.updatedAt = now
                resolved.append(.resolve(alert))
            }
            // A check that was firing and still is: its alert is re-posted unchanged (idempotent for the pipeline).
            state = State(monitors: monitors, order: order)
            return (added, resolved + actions)
        }
        publish(actions)
        if !added.isEmpty { await restore(uuids: added) }
    }

    /// Every check's status, in configuration order.
    public func statuses() -> [HeartbeatStatus] {
        let now = clock.now
        return state.withLock { state in state.order.compactMap { state.monitors[$0]?.status(at: now) } }
    }

    /// The alerts currently firing.
    public func firingAlerts() -> [Alert] {
        state.withLock { state in state.order.compactMap { state.monitors[$0]?.firingAlert } }
    }

    /// Ends ``alerts`` (after the service stops).
    public func finish() { continuation.finish() }

    private func publish(_ actions: [HeartbeatMonitor.Action]) {
        guard !actions.isEmpty else { return }
        let alerts = actions.map { action -> Alert in
            switch action {
            case .fire(let alert), .resolve(let alert): alert
            }
        }
        for alert in alerts {
            logger.debug(
                "heartbeat alert",
                metadata: [
                    "alertname": "\(alert.name)", "heartbeat": "\(alert.labels["heartbeat"] ?? "")",
                    "resolved": "\(alert.endsAt.nanosecondsSinceEpoch != .max)",
                ])
        }
        continuation.yield(alerts)
    }

    private func persist(_ record: HeartbeatRecord, uuid: String) async throws {
        guard let store else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(record), as: UTF8.self)
        try await store.setSetting(Self.settingKey(uuid: uuid), text)
    }
}
