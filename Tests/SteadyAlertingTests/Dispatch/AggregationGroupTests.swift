import SteadyAlerting
import SteadyModel
import Testing

/// Alertmanager's acceptance scenarios (test/with_api_v2/acceptance: send, batching, repeat, resolve) re-expressed
/// on simulated time.
@Suite("Aggregation groups and notification stage")
struct AggregationGroupTests {
    static func route(
        wait: Int = 1, interval: Int = 1, repeatEvery: Int = 3600, groupBy: [String] = ["alertname"]
    )
        -> AlertRoute
    {
        AlertRoute(
            receiver: "default", groupBy: groupBy, groupWait: .seconds(wait), groupInterval: .seconds(interval),
            repeatInterval: .seconds(repeatEvery))
    }

    @Test func firstNotificationWaitsForGroupWaitAndBatches() {
        var simulator = DispatchSimulator(route: Self.route(wait: 30, interval: 300, groupBy: ["service"]))
        simulator.post(simulator.alert(["alertname": "B", "service": "checkout"]))
        simulator.run(until: 10)
        simulator.post(simulator.alert(["alertname": "A", "service": "checkout"]))
        simulator.run(until: 29)
        #expect(simulator.sent.isEmpty)
        simulator.run(until: 30)
        #expect(
            simulator.sent == [
                .init(
                    at: 30, integration: "default/webhook/0", groupKey: #"{}:{service="checkout"}"#,
                    firing: ["A", "B"], resolved: [])
            ])
    }

    @Test func newAlertsInAFlushedGroupWaitForGroupInterval() {
        var simulator = DispatchSimulator(route: Self.route(wait: 5, interval: 60, groupBy: []))
        simulator.post(simulator.alert(["alertname": "A"]))
        simulator.run(until: 20)
        simulator.post(simulator.alert(["alertname": "B"]))
        simulator.run(until: 64)
        #expect(simulator.sent.map(\.at) == [5])
        simulator.run(until: 65)
        #expect(simulator.sent.map(\.at) == [5, 65])
        #expect(simulator.sent.last?.firing == ["A", "B"])
    }

    @Test func anAlertOlderThanGroupWaitFlushesAtOnce() {
        var simulator = DispatchSimulator(route: Self.route(wait: 30, interval: 300))
        simulator.run(until: 100)
        simulator.post(simulator.alert(["alertname": "Old"], startsAt: 10))
        simulator.run(until: 101)
        #expect(simulator.sent.map(\.at) == [101])
    }

    @Test func repeatsOnlyAfterRepeatInterval() {
        var simulator = DispatchSimulator(route: Self.route(wait: 1, interval: 10, repeatEvery: 60))
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 200)
        // Flushes every 10 s after t=1; a notification at 1, then the first flush more than 60 s later: 71, 141.
        #expect(simulator.sent.map(\.at) == [1, 71, 141])
    }

    @Test func resolutionIsNotifiedOnceAndTheGroupIsDropped() {
        var simulator = DispatchSimulator(route: Self.route(wait: 1, interval: 10))
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 5)
        // Prometheus resolves it: same labels, endsAt = now.
        simulator.post(simulator.alert(["alertname": "A"], startsAt: 0, endsAt: 5))
        simulator.run(until: 100)
        #expect(simulator.sent.map(\.at) == [1, 11])
        #expect(simulator.sent.last?.resolved == ["A"])
        #expect(simulator.groups.groupCount == 0)
    }

    @Test func withoutSendResolvedTheResolutionOnlyClearsTheLog() {
        var simulator = DispatchSimulator(route: Self.route(wait: 1, interval: 10), sendResolved: false)
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 5)
        simulator.post(simulator.alert(["alertname": "A"], startsAt: 0, endsAt: 5))
        simulator.run(until: 30)
        #expect(simulator.sent.map(\.at) == [1])
        #expect(simulator.log.values.first?.firing.isEmpty == true)
        // Firing again notifies again (the log was cleared).
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 60)
        #expect(simulator.sent.map(\.at) == [1, 31])
    }

    @Test func firedAndResolvedWithinOneIntervalIsNeverSent() {
        var simulator = DispatchSimulator(route: Self.route(wait: 10, interval: 10))
        simulator.post(simulator.alert(["alertname": "Blip"], startsAt: 0, endsAt: 3))
        simulator.run(until: 60)
        #expect(simulator.sent.isEmpty)
    }

    @Test func mutedAlertsAreDroppedAndTheOthersStillSent() {
        var simulator = DispatchSimulator(route: Self.route(wait: 1, interval: 10, groupBy: []))
        simulator.isMuted = { $0.name == "Silenced" }
        simulator.post(
            simulator.alert(["alertname": "Silenced"], endsAt: 1000),
            simulator.alert(["alertname": "Loud"], endsAt: 1000))
        simulator.run(until: 2)
        #expect(simulator.sent.map(\.firing) == [["Loud"]])
    }

    /// Alertmanager's behaviour (prometheus/alertmanager#226): an alert silenced after it was notified resolves
    /// silently; the receiver is never told.
    @Test func aSilencedAlertResolvesSilentlyByDefault() {
        var simulator = DispatchSimulator(route: Self.route(wait: 1, interval: 10))
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 5)
        simulator.isMuted = { $0.name == "A" }
        simulator.post(simulator.alert(["alertname": "A"], startsAt: 0, endsAt: 5))
        simulator.run(until: 100)
        #expect(simulator.sent.map(\.at) == [1])
    }

    /// Steady's `send_resolved_silenced: true`: the resolution of an alert the receiver saw firing goes out even when
    /// the alert is silenced by then; a silenced alert that was never notified stays quiet.
    @Test func sendResolvedSilencedTellsTheReceiverAnAlertItSawFiringResolved() {
        var route = Self.route(wait: 1, interval: 10)
        route.sendResolvedSilenced = true
        var simulator = DispatchSimulator(route: route)
        simulator.post(simulator.alert(["alertname": "A"], endsAt: 10_000))
        simulator.run(until: 5)
        simulator.isMuted = { ["A", "Never"].contains($0.name) }
        simulator.post(
            simulator.alert(["alertname": "A"], startsAt: 0, endsAt: 5),
            simulator.alert(["alertname": "Never"], startsAt: 2, endsAt: 6))
        simulator.run(until: 100)
        #expect(simulator.sent.map(\.at) == [1, 11])
        #expect(simulator.sent.last?.resolved == ["A"])
        #expect(simulator.sent.allSatisfy { !$0.resolved.contains("Never") && !$0.firing.contains("Never") })
    }

    @Test func continueSendsToEverySiblingThatMatches() {
        let route = AlertRoute(
            receiver: "default", groupBy: ["alertname"], groupWait: .seconds(1), groupInterval: .seconds(10),
            routes: [
                AlertRoute(
                    receiver: "team", matchers: [try! LabelMatcher(name: "team", op: .equal, value: "pay")],
                    continue: true),
                AlertRoute(
                    receiver: "all",
                    matchers: [try! LabelMatcher(name: "severity", op: .regexMatch, value: "page|ticket")]),
            ])
        var simulator = DispatchSimulator(route: route)
        simulator.post(simulator.alert(["alertname": "A", "team": "pay", "severity": "page"], endsAt: 1000))
        simulator.run(until: 2)
        #expect(
            simulator.sent.map(\.groupKey).sorted() == [
                #"{}/{severity=~"page|ticket"}:{alertname="A"}"#, #"{}/{team="pay"}:{alertname="A"}"#,
            ])
        #expect(Set(simulator.sent.map(\.integration)) == ["team/webhook/0", "all/webhook/0"])
    }
}

@Suite("Aggregation groups: due at insert")
struct AggregationGroupDueAtInsertTests {
    @Test func insertTellsWhetherAGroupIsDueAtOnce() {
        let epoch = WallInstant(secondsSinceEpoch: 1_700_000_000)
        func alert(_ name: String, startedSecondsAgo: Int = 0, at now: WallInstant) -> Alert {
            Alert(
                labels: Labels(["alertname": name]), annotations: Labels(),
                startsAt: now.advanced(by: .seconds(-startedSecondsAgo)), endsAt: now.advanced(by: .seconds(3600)),
                updatedAt: now)
        }
        let waiting = AlertRoute(
            receiver: "default", groupBy: ["alertname"], groupWait: .seconds(30), groupInterval: .seconds(300),
            repeatInterval: .seconds(3600))
        var groups = AggregationGroups(tree: RouteTree(root: waiting))
        let due1 = groups.insert(alert("Fresh", at: epoch), now: epoch)
        #expect(!due1)
        // Started longer than group_wait ago: the new group flushes at once.
        let due2 = groups.insert(alert("Old", startedSecondsAgo: 60, at: epoch), now: epoch)
        #expect(due2)
        // A fresh alert joining a group that is already due says so too.
        let due3 = groups.insert(alert("Old", at: epoch), now: epoch)
        #expect(due3)
        let flushed = groups.due(at: epoch).map(\.groupKey)
        #expect(flushed == [#"{}:{alertname="Old"}"#])
        // Once flushed, the group waits for group_interval again.
        let due4 = groups.insert(alert("Old", startedSecondsAgo: 60, at: epoch), now: epoch)
        #expect(!due4)
        // Still waiting: a later insert before group_wait ends is not due; at its end it is.
        let later = epoch.advanced(by: .seconds(10))
        let due5 = groups.insert(alert("Fresh", at: later), now: later)
        #expect(!due5)
        let end = epoch.advanced(by: .seconds(30))
        let due6 = groups.insert(alert("Fresh", at: end), now: end)
        #expect(due6)

        let immediate = AlertRoute(
            receiver: "default", groupBy: ["alertname"], groupWait: .zero, groupInterval: .seconds(300),
            repeatInterval: .seconds(3600))
        var zeroWait = AggregationGroups(tree: RouteTree(root: immediate))
        let due7 = zeroWait.insert(alert("Now", at: epoch), now: epoch)
        #expect(due7)
    }

    @Test func timersComeDueInOrderAcrossManyGroups() {
        let epoch = WallInstant(secondsSinceEpoch: 1_700_000_000)
        func at(_ second: Int) -> WallInstant { epoch.advanced(by: .seconds(second)) }
        func alert(_ name: String, startedAt second: Int) -> Alert {
            Alert(labels: Labels(["alertname": name]), startsAt: at(second), endsAt: at(10_000), updatedAt: at(second))
        }
        let route = AlertRoute(
            receiver: "default", groupBy: ["alertname"], groupWait: .seconds(30), groupInterval: .seconds(60),
            repeatInterval: .seconds(3600))
        var groups = AggregationGroups(tree: RouteTree(root: route))
        func names(_ flushes: [AggregationGroups.Flush]) -> [String] {
            flushes.map { $0.groupLabels["alertname"] ?? "?" }
        }
        groups.insert(alert("A", startedAt: 0), now: at(0))
        groups.insert(alert("B", startedAt: 10), now: at(10))
        // Started 40 s before it arrives: flushes at once, ahead of A and B.
        groups.insert(alert("C", startedAt: -20), now: at(20))
        // Many quiet groups far in the future must not come due early.
        for index in 0..<200 { groups.insert(alert("Q\(index)", startedAt: 25), now: at(25)) }
        #expect(groups.nextDeadline == at(20))
        let first = groups.due(at: at(20))
        #expect(names(first) == ["C"])
        #expect(groups.nextDeadline == at(30))
        let second = groups.due(at: at(35))
        #expect(names(second) == ["A"])
        let third = groups.due(at: at(40))
        #expect(names(third) == ["B"])
        let quiet = groups.due(at: at(54))
        #expect(quiet.isEmpty)
        let many = groups.due(at: at(55))
        #expect(many.count == 200)
        // Each flushed group is rescheduled group_interval after its flush: C at 80, A at 95, B at 100.
        let later = groups.due(at: at(100))
        #expect(names(later) == ["A", "B", "C"])
        let none = groups.due(at: at(100))
        #expect(none.isEmpty)
        #expect(groups.nextDeadline == at(115))
    }
}
