import SteadyAlerting
import SteadyModel
import Testing

@Suite("PagerDuty Events v2 intake")
struct PagerDutyIntakeTests {
    let now = WallInstant(secondsSinceEpoch: 1_700_000_000)

    @Test func triggerBecomesAFiringAlertKeyedByDedupKey() throws {
        let event = PagerDutyEvent(
            routingKey: "k", eventAction: "trigger", dedupKey: "disk-db-1",
            payload: .init(
                summary: "Disk full on db-1", source: "db-1", severity: "critical", timestamp: "2023-11-14T22:00:00Z",
                component: "postgres", customDetails: #"{"free":"1%"}"#), client: "Sentry")
        guard case .success(.trigger(let alert)) = PagerDutyIntake.action(event, now: now, newDedupKey: { "new" })
        else {
            Issue.record("expected a trigger")
            return
        }
        #expect(
            alert.labels
                == Labels([
                    "alertname": "PagerDutyEvent", "dedup_key": "disk-db-1", "severity": "critical", "source": "db-1",
                    "component": "postgres",
                ]))
        #expect(alert.annotations["summary"] == "Disk full on db-1")
        #expect(alert.annotations["custom_details"] == #"{"free":"1%"}"#)
        #expect(alert.startsAt == WallInstant(secondsSinceEpoch: 1_699_999_200))
        #expect(!alert.isResolved(at: now.advanced(by: .seconds(86_400 * 365))))
    }

    @Test func aMissingDedupKeyIsGeneratedForTriggersOnly() {
        let trigger = PagerDutyEvent(
            eventAction: "trigger", payload: .init(summary: "s", source: "x", severity: "info"))
        guard case .success(.trigger(let alert)) = PagerDutyIntake.action(trigger, now: now, newDedupKey: { "gen-1" })
        else {
            Issue.record("expected a trigger")
            return
        }
        #expect(alert.labels["dedup_key"] == "gen-1")
        let resolve = PagerDutyEvent(eventAction: "resolve")
        #expect(
            PagerDutyIntake.action(resolve, now: now, newDedupKey: { "x" })
                == .failure(.init(errors: ["'dedup_key' is missing or blank"])))
        #expect(
            PagerDutyIntake.action(PagerDutyEvent(eventAction: "resolve", dedupKey: "a"), now: now, newDedupKey: { "" })
                == .success(.resolve(dedupKey: "a")))
    }

    @Test func invalidEventsListEveryProblem() {
        let event = PagerDutyEvent(
            eventAction: "trigger", payload: .init(summary: "  ", severity: "fatal", timestamp: "yesterday"))
        #expect(
            PagerDutyIntake.action(event, now: now, newDedupKey: { "" })
                == .failure(
                    .init(errors: [
                        "'payload.summary' is missing or blank", "'payload.source' is missing or blank",
                        "'payload.severity' is invalid (must be critical, error, warning or info)",
                        "'payload.timestamp' is not a valid ISO 8601 timestamp",
                    ])))
        #expect(
            PagerDutyIntake.action(PagerDutyEvent(eventAction: "page"), now: now, newDedupKey: { "" })
                == .failure(.init(errors: ["'event_action' is invalid (must be trigger, acknowledge or resolve)"])))
    }
}
