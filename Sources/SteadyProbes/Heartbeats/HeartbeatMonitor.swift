import Foundation
public import SteadyModel

/// The state machine of one heartbeat check (Healthchecks' semantics): pings and clock ticks in, alert actions out.
///
/// - A success ping (or exit status 0) makes the check `up`; the next one is due a `period` later, or at the next
///   cron fire time after it. Past that it is `late`; past `grace` more it is `down` and `HeartbeatMissing` fires.
/// - A failure ping (`/fail`, exit status 1–255) makes it `down` at once and fires `HeartbeatFailed`.
/// - A start ping opens a run (`started`); a run that does not finish within `grace` is `down` (`HeartbeatMissing`).
/// - A check that has never been pinged stays `new` and raises nothing.
///
/// ```swift
/// var monitor = HeartbeatMonitor(spec: spec)
/// monitor.ping(.success, at: clock.now)           // []
/// monitor.tick(clock.now.advanced(by: .seconds(7200)))  // [.fire(HeartbeatMissing alert)]
/// ```
public struct HeartbeatMonitor: Sendable {
    /// What the caller must do after an event.
    public enum Action: Sendable, Equatable {
        /// Post this firing alert (its `endsAt` is in the distant future).
        case fire(Alert)
        /// Post this resolved alert (`endsAt` is the time of the event).
        case resolve(Alert)
    }

    /// The alert that should be firing: which one and since when.
    private struct Problem: Equatable {
        var alertname: String
        var since: WallInstant
    }

    public let spec: HeartbeatSpec
    public private(set) var record: HeartbeatRecord
    private let timeZone: TimeZone?
    /// The alert currently firing, as last posted.
    private var firing: Alert?

    /// Alert names.
    public static let missingAlertName = "HeartbeatMissing"
    public static let failedAlertName = "HeartbeatFailed"

    /// A monitor with no pings yet. A cron schedule whose time zone is unknown falls back to UTC (the config loader
    /// rejects unknown zones).
    public init(spec: HeartbeatSpec, record: HeartbeatRecord = HeartbeatRecord()) {
        self.spec = spec
        self.record = record
        if case .cron(_, let identifier) = spec.schedule {
            timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")
        } else {
            timeZone = nil
        }
    }

    // MARK: - Events

    /// Records a ping received at `now` and returns the alert changes it causes.
    public mutating func ping(_ kind: HeartbeatPing.Kind, at now: WallInstant, body: String? = nil) -> [Action] {
        record.apply(kind, at: now, body: body)
        return evaluate(at: now)
    }

    /// Re-evaluates deadlines at `now`.
    public mutating func tick(_ now: WallInstant) -> [Action] { evaluate(at: now) }

    /// Replaces the pings with a restored record (newer in-memory pings win) and re-evaluates.
    public mutating func restore(_ restored: HeartbeatRecord, at now: WallInstant) -> [Action] {
        let current = record.lastPing ?? WallInstant(nanosecondsSinceEpoch: .min)
        if let restoredPing = restored.lastPing, restoredPing > current {
            let message = record.lastMessage
            record = restored
            record.lastMessage = restored.lastMessage ?? message
        }
        return evaluate(at: now)
    }

    // MARK: - State

    /// The check's state at `now`.
    public func state(at now: WallInstant) -> HeartbeatStatus.State {
        if problem(at: now) != nil { return .down }
        if record.startedAt != nil { return .started }
        guard let expected = nextExpected() else { return .new }
        return now < expected ? .up : .late
    }

    /// When the next success ping is due: nil for a check never pinged successfully, or whose last run failed.
    public func nextExpected() -> WallInstant? {
        guard let lastSuccess = record.lastSuccess, !record.lastRunFailed else { return nil }
        switch spec.schedule {
        case .period(let period):
            return lastSuccess.advanced(by: period)
        case .cron(let expression, _):
            return expression.nextFireTime(after: lastSuccess, in: timeZone ?? .gmt)
        }
    }

    /// The status shown by the API.
    public func status(at now: WallInstant) -> HeartbeatStatus {
        HeartbeatStatus(
            name: spec.name, uuid: spec.uuid, state: state(at: now), schedule: Self.describe(spec.schedule),
            graceSeconds: spec.grace.seconds, lastPing: record.lastPing, lastPingKind: record.lastPingKind,
            lastSuccess: record.lastSuccess, nextExpected: nextExpected(),
            lastDurationSeconds: record.lastDurationNanoseconds.map { Double($0) / 1e9 },
            lastMessage: record.lastMessage, labels: spec.labels)
    }

    static func describe(_ schedule: HeartbeatSpec.Schedule) -> String {
        switch schedule {
        case .period(let period): "period \(PrometheusDuration.format(period))"
        case .cron(let expression, let zone): "cron \"\(expression.text)\" \(zone)"
        }
    }

    /// Which alert should be firing at `now`, if any.
    private func problem(at now: WallInstant) -> Problem? {
        if record.lastRunFailed, let lastFailure = record.lastFailure {
            // Only a success clears a failure; repeated failures keep the first one's start time.
            return Problem(alertname: Self.failedAlertName, since: record.failingSince ?? lastFailure)
        }
        var deadlines: [WallInstant] = []
        if let startedAt = record.startedAt { deadlines.append(startedAt.advanced(by: spec.grace)) }
        if let expected = nextExpected() { deadlines.append(expected.advanced(by: spec.grace)) }
        guard let deadline = deadlines.min(), now >= deadline else { return nil }
        return Problem(alertname: Self.missingAlertName, since: deadline)
    }

    private mutating func evaluate(at now: WallInstant) -> [Action] {
        let wanted = problem(at: now)
        var actions: [Action] = []
        if let current = firing {
            if let wanted, current.name == wanted.alertname, current.startsAt == wanted.since { return [] }
            var resolved = current
            resolved.endsAt = now
            resolved.updatedAt = now
            resolved.annotations = annotations(for: current.name, now: now)
            actions.append(.resolve(resolved))
            firing = nil
        }
        if let wanted {
            let alert = Alert(
                labels: labels(for: wanted.alertname), annotations: annotations(for: wanted.alertname, now: now),
                startsAt: wanted.since, endsAt: WallInstant(nanosecondsSinceEpoch: .max), updatedAt: now)
            firing = alert
            actions.append(.fire(alert))
        }
        return actions
    }

    /// The alert currently firing, if any.
    public var firingAlert: Alert? { firing }

    private func labels(for alertname: String) -> Labels {
        var pairs = spec.labels.pairs
        pairs.append(Label("alertname", alertname))
        pairs.append(Label("heartbeat", spec.name))
        return Labels(pairs)
    }

    private func annotations(for alertname: String, now: WallInstant) -> Labels {
        let lastPing = record.lastPing.map { "\(Timestamp.format($0)) (\(record.lastPingKind ?? "ping"))" } ?? "never"
        var summary: String
        var description: String
        if alertname == Self.failedAlertName {
            let status = record.lastExitStatus.map { " with exit status \($0)" } ?? ""
            summary = "Heartbeat \(spec.name) reported a failure\(status)"
            description = "The job behind heartbeat \(spec.name) signalled a failure\(status). Last ping: \(lastPing)."
        } else {
            summary = "Heartbeat \(spec.name) is missing"
            let expected = nextExpected().map { ", expected by \(Timestamp.format($0))" } ?? ""
            description =
                "No success ping from heartbeat \(spec.name) within its schedule (\(Self.describe(spec.schedule))) "
                + "and grace of \(PrometheusDuration.format(spec.grace))\(expected). Last ping: \(lastPing)."
            if let startedAt = record.startedAt {
                description += " A run started at \(Timestamp.format(startedAt)) has not finished."
            }
        }
        if let message = record.lastMessage, !message.isEmpty {
            let excerpt = message.count > 500 ? String(message.prefix(500)) + "…" : message
            description += "\nLast message: \(excerpt)"
        }
        var pairs = [Label("summary", summary), Label("description", description)]
        pairs += spec.annotations.pairs
        pairs.append(Label("last_ping", record.lastPing.map(Timestamp.format) ?? "never"))
        return Labels(pairs)
    }
}
