import SteadyAlerting
import SteadyModel
import Testing

@Suite("Alert intake (Alertmanager API v2 rules)")
struct AlertIntakeTests {
    let now = WallInstant(secondsSinceEpoch: 1_700_000_000)

    @Test func defaultsFollowAlertmanager() {
        let ends = now.advanced(by: .seconds(60))
        let outcome = AlertIntake.prepare(
            [
                PostableAlert(labels: ["alertname": "NoTimes"]),
                PostableAlert(labels: ["alertname": "OnlyEnd"], endsAt: ends),
                PostableAlert(labels: ["alertname": "Empty", "drop": ""]),
            ], now: now, resolveTimeout: .seconds(300))
        #expect(outcome.errors.isEmpty)
        #expect(outcome.accepted[0].startsAt == now)
        #expect(outcome.accepted[0].endsAt == now.advanced(by: .seconds(300)))
        #expect(outcome.accepted[0].timeout)
        #expect(outcome.accepted[1].startsAt == ends)
        #expect(!outcome.accepted[1].timeout)
        #expect(outcome.accepted[2].labels == Labels(["alertname": "Empty"]))
        #expect(outcome.accepted.allSatisfy { $0.updatedAt == now })
    }

    @Test func invalidAlertsAreRejectedWithAlertmanagersMessagesAndTheRestAccepted() {
        let outcome = AlertIntake.prepare(
            [
                PostableAlert(labels: ["alertname": "Good"]),
                PostableAlert(
                    labels: ["alertname": "Backwards"], startsAt: now, endsAt: now.advanced(by: .seconds(-1))),
                PostableAlert(labels: ["bad-name": "x"]),
                PostableAlert(labels: [:]),
                PostableAlert(labels: ["only": ""]),
                PostableAlert(labels: ["a": "b"], annotations: ["1st": "x"]),
                // Alertmanager drops empty label values only: an empty annotation's name is still validated.
                PostableAlert(labels: ["a": "b"], annotations: ["bad name": ""]),
                PostableAlert(labels: ["alertname": "EmptyNote"], annotations: ["note": ""]),
            ], now: now, resolveTimeout: .seconds(300))
        #expect(outcome.accepted.map(\.name) == ["Good", "EmptyNote"])
        #expect(outcome.accepted[1].annotations == Labels([Label("note", "")], keepingEmptyValues: true))
        #expect(
            outcome.errorMessage
                == "start time must be before end time; invalid label set: invalid name \"bad-name\"; "
                + "at least one label pair required; at least one label pair required; "
                + "invalid annotations: invalid name \"1st\"; invalid annotations: invalid name \"bad name\"")
    }

    @Test func mergeKeepsEarliestStartAndExplicitEnds() {
        let labels = Labels(["alertname": "A"])
        let stored = Alert(
            labels: labels, startsAt: now, endsAt: now.advanced(by: .seconds(600)), updatedAt: now, timeout: false)
        // A refresh with a shorter (timeout) end keeps the stored explicit end.
        let refresh = Alert(
            labels: labels, startsAt: now.advanced(by: .seconds(30)), endsAt: now.advanced(by: .seconds(330)),
            updatedAt: now.advanced(by: .seconds(30)), timeout: true)
        let merged = AlertIntake.resolve(existing: stored, incoming: refresh)
        #expect(merged.startsAt == now)
        #expect(merged.endsAt == now.advanced(by: .seconds(600)))
        #expect(merged.updatedAt == refresh.updatedAt)
        // A resolution (endsAt now) inside the range wins.
        let resolution = Alert(
            labels: labels, startsAt: now.advanced(by: .seconds(40)), endsAt: now.advanced(by: .seconds(40)),
            updatedAt: now.advanced(by: .seconds(40)))
        #expect(AlertIntake.resolve(existing: stored, incoming: resolution).endsAt == now.advanced(by: .seconds(40)))
        // No overlap: the new alert replaces the old one.
        let later = Alert(
            labels: labels, startsAt: now.advanced(by: .seconds(900)), endsAt: now.advanced(by: .seconds(1200)),
            updatedAt: now.advanced(by: .seconds(900)))
        #expect(AlertIntake.resolve(existing: stored, incoming: later) == later)
    }

    @Test func groupKeysAndOrderingMatchAlertmanager() {
        #expect(GroupKey.labelSetText(Labels(["b": "2", "a": "q\"uote"])) == #"{a="q\"uote", b="2"}"#)
        #expect(GoQuote.quoted("tab\there\u{1}é") == #""tab\there\x01é""#)
        // strconv.Quote's named escapes, DEL, and invisible formatting characters.
        #expect(
            GoQuote.quoted("\u{07}\u{08}\u{0C}\u{0B}\u{7F}\u{85}\u{2028}\u{FEFF}")
                == #""\a\b\f\v\x7f\u0085\u2028\ufeff""#)
        let alerts = [
            Alert(labels: Labels(["alertname": "Z", "instance": "b"]), startsAt: now, endsAt: now, updatedAt: now),
            Alert(labels: Labels(["alertname": "Y", "job": "x"]), startsAt: now, endsAt: now, updatedAt: now),
            Alert(labels: Labels(["alertname": "X"]), startsAt: now, endsAt: now, updatedAt: now),
            Alert(labels: Labels(["alertname": "W", "instance": "a"]), startsAt: now, endsAt: now, updatedAt: now),
        ]
        #expect(AlertOrdering.sorted(alerts).map(\.name) == ["Y", "W", "Z", "X"])
    }
}
