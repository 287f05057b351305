import SteadyModel

/// Notifications shared by the tests: a group of two HighLatency alerts, one firing and one resolved.
enum Fixtures {
    static let flushedAt = WallInstant(nanosecondsSinceEpoch: 1_700_000_200_000_000_000)

    static let firing = Alert(
        labels: Labels(["alertname": "HighLatency", "service": "checkout", "instance": "a:8080"]),
        annotations: Labels(["summary": "p99 > 1s & rising <fast>"]),
        startsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_000_123_456_789),
        endsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_500_000_000_000),
        generatorURL: "http://prom:9090/graph?g0.expr=x", updatedAt: flushedAt)

    static let resolved = Alert(
        labels: Labels(["alertname": "HighLatency", "service": "checkout", "instance": "b:8080"]),
        startsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000),
        endsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_100_500_000_000), updatedAt: flushedAt)

    static let groupKey = #"{}/{service="checkout"}:{alertname="HighLatency"}"#

    static func notification(
        alerts: [Alert] = [firing, resolved], receiver: String = "team-x.ops",
        groupLabels: Labels = Labels(["alertname": "HighLatency"])
    ) -> AlertNotification {
        AlertNotification(
            receiver: receiver, groupKey: groupKey, groupLabels: groupLabels, alerts: alerts, flushedAt: flushedAt,
            externalURL: "http://steady:9093")
    }
}
