/// A job that reports in with Healthchecks-style pings (`/ping/<uuid>`), and when it is expected to.
///
/// ```swift
/// let backup = HeartbeatSpec(
///     name: "nightly-backup", uuid: "5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11",
///     schedule: .cron(try CronExpression(parsing: "30 2 * * *"), timeZone: "Europe/Berlin"),
///     grace: .seconds(3600), labels: Labels(["team": "storage"]))
/// ```
public struct HeartbeatSpec: Sendable, Equatable, Identifiable {
    /// When pings are expected.
    public enum Schedule: Sendable, Equatable {
        /// A ping at least every `period` (Healthchecks' "simple" schedule).
        case period(Duration)
        /// A ping after each fire time of `expression`, read in the IANA time zone `timeZone`.
        case cron(CronExpression, timeZone: String)
    }

    /// Unique name, used as the `heartbeat` label of the alerts.
    public var name: String
    /// The check's ping UUID, lower-case (`/ping/<uuid>`).
    public var uuid: String
    public var schedule: Schedule
    /// How long after an expected ping the check is still only late, not down.
    public var grace: Duration
    /// Added to the labels of every alert this heartbeat raises.
    public var labels: Labels
    /// Added to the annotations of every alert this heartbeat raises (summary/description are set by Steady
    /// unless given here).
    public var annotations: Labels

    public var id: String { uuid }

    public init(
        name: String, uuid: String, schedule: Schedule, grace: Duration = .seconds(3600),
        labels: Labels = Labels(), annotations: Labels = Labels()
    ) {
        self.name = name
        self.uuid = uuid.lowercased()
        self.schedule = schedule
        self.grace = grace
        self.labels = labels
        self.annotations = annotations
    }

    /// Whether `text` is a UUID in the 8-4-4-4-12 hexadecimal form Healthchecks uses (any case).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex =
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
                guard isHex else { return false }
            }
        }
        return true
    }
}
