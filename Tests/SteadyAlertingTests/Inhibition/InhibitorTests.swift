import SteadyAlerting
import SteadyModel
import Testing

/// Alertmanager's inhibit_test.go and the inhibition acceptance tests (test/with_api_v2/acceptance/inhibit_test.go)
/// re-expressed on plain values.
@Suite("Inhibition")
struct InhibitorTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)

    static func at(_ seconds: Double) -> WallInstant {
        now.advanced(by: .milliseconds(Int64(seconds * 1000)))
    }

    static func alert(_ labels: [String: String], from start: Double = -60, to end: Double = 3600) -> Alert {
        Alert(labels: Labels(labels), startsAt: at(start), endsAt: at(end), updatedAt: at(start))
    }

    static func eq(_ name: String, _ value: String) -> LabelMatcher {
        try! LabelMatcher(name: name, op: .equal, value: value)
    }

    /// TestInhibitRuleHasEqual.
    @Test("equal labels and resolved sources")
    func hasEqual() {
        // hasEqual without the two-sided exclusion: sources carry `src`, targets do not.
        func inhibited(_ sources: [Alert], equal: [String], target: [String: String]) -> Bool {
            var inhibitor = Inhibitor(rules: [
                InhibitRule(sourceMatchers: [Self.eq("src", "1")], targetMatchers: [], equal: equal)
            ])
            for var source in sources {
                source.labels = source.labels.setting("src", to: "1")
                inhibitor.observe(source)
            }
            return inhibitor.isInhibited(Labels(target), at: Self.now)
        }
        #expect(!inhibited([], equal: [], target: ["a": "b"]))
        // No equal labels: any firing source will do.
        #expect(inhibited([Self.alert(["x": "y"])], equal: [], target: ["a": "b"]))
        // Matching but resolved.
        #expect(
            !inhibited(
                [Self.alert(["a": "b", "b": "f"], to: -1), Self.alert(["a": "b", "b": "c"], to: -1)],
                equal: ["a", "b"], target: ["a": "b", "b": "c"]))
        // Matching and firing.
        #expect(
            inhibited(
                [Self.alert(["a": "b", "c": "d"], to: -1), Self.alert(["a": "b", "c": "f"])], equal: ["a"],
                target: ["a": "b"]))
        // Equal label differs.
        #expect(!inhibited([Self.alert(["a": "c", "c": "d"])], equal: ["a"], target: ["a": "b"]))
        // A label missing on both sides counts as equal; missing on one side does not.
        #expect(inhibited([Self.alert(["x": "1"])], equal: ["zone"], target: ["y": "1"]))
        #expect(!inhibited([Self.alert(["x": "1", "zone": "a"])], equal: ["zone"], target: ["y": "1"]))
    }

    static let cases: [(target: [String: String], byMatch: Bool, byMatchers: Bool)] = [
        (["t1": "1", "e": "1"], true, false),
        (["t2": "1", "e": "1"], true, true),
        (["t1": "1", "t3": "1", "e": "1"], true, false),
        (["t1": "1", "t2": "1", "e": "1"], true, true),
        (["t1": "0", "e": "1"], false, true),
        (["s1": "1", "t1": "1", "e": "1"], true, false),
        (["s2": "1", "t2": "1", "e": "1"], false, true),
        (["t1": "1", "e": "0"], false, false),
    ]

    /// TestInhibitRuleMatches and TestInhibitRuleMatchers: two rules, a source alert for each, the second one
    /// matching its rule's source and target matchers (so it cannot inhibit two-sided targets).
    @Test("Alertmanager's rule matching cases, with match maps and with matchers")
    func ruleMatches() throws {
        let sourceOne = Self.alert(["s1": "1", "t1": "2", "e": "1"])
        let sourceTwo = Self.alert(["s2": "1", "t2": "1", "e": "1"])
        var byMatch = Inhibitor(rules: [
            InhibitRule(sourceMatchers: [Self.eq("s1", "1")], targetMatchers: [Self.eq("t1", "1")], equal: ["e"]),
            InhibitRule(sourceMatchers: [Self.eq("s2", "1")], targetMatchers: [Self.eq("t2", "1")], equal: ["e"]),
        ])
        var byMatchers = Inhibitor(rules: [
            InhibitRule(
                sourceMatchers: [Self.eq("s1", "1")],
                targetMatchers: [try LabelMatcher(name: "t1", op: .notEqual, value: "1")], equal: ["e"]),
            InhibitRule(sourceMatchers: [Self.eq("s2", "1")], targetMatchers: [Self.eq("t2", "1")], equal: ["e"]),
        ])
        for source in [sourceOne, sourceTwo] {
            byMatch.observe(source)
            byMatchers.observe(source)
        }
        for testCase in Self.cases {
            let labels = Labels(testCase.target)
            #expect(byMatch.isInhibited(labels, at: Self.now) == testCase.byMatch, "\(labels)")
            #expect(byMatchers.isInhibited(labels, at: Self.now) == testCase.byMatchers, "\(labels)")
        }
        #expect(byMatch.inhibitingAlert(for: Labels(["t1": "1", "e": "1"]), at: Self.now) == sourceOne.fingerprint)
    }

    /// TestInhibit: an alert is inhibited only while the source fires.
    @Test("inhibited while the source fires, not after it resolves")
    func sourceLifecycle() {
        let rule = InhibitRule(sourceMatchers: [Self.eq("s", "1")], targetMatchers: [Self.eq("t", "1")], equal: ["e"])
        var inhibitor = Inhibitor(rules: [rule])
        let target = Labels(["t": "1", "e": "f"])
        inhibitor.observe(Self.alert(["t": "1", "e": "f"]))
        #expect(!inhibitor.isInhibited(target, at: Self.now))
        inhibitor.observe(Self.alert(["s": "1", "e": "f"]))
        #expect(inhibitor.isInhibited(target, at: Self.now))
        #expect(!inhibitor.isInhibited(Labels(["s": "1", "e": "f"]), at: Self.now))
        inhibitor.observe(Self.alert(["s": "1", "e": "f"], to: -1))
        #expect(!inhibitor.isInhibited(target, at: Self.now))
        // Firing again, then time passes its end.
        inhibitor.observe(Self.alert(["s": "1", "e": "f"], to: 30))
        #expect(inhibitor.isInhibited(target, at: Self.at(29.999)))
        #expect(!inhibitor.isInhibited(target, at: Self.at(30)))
        inhibitor.removeResolved(at: Self.at(30))
        #expect(inhibitor.sourceCount == 0)
    }

    static let jobDownRule = InhibitRule(
        sourceMatchers: [eq("alertname", "JobDown")], targetMatchers: [eq("alertname", "InstanceDown")],
        equal: ["job", "zone"])

    /// Acceptance TestInhibiting: JobDown in zone aa (from 2.2s to 3.6s) inhibits InstanceDown in zone aa at the
    /// flush at 3s only; the flushes at 2s and 4s carry it.
    @Test("acceptance: inhibiting, then notified again once the source resolves")
    func acceptanceInhibiting() {
        var inhibitor = Inhibitor(rules: [Self.jobDownRule])
        var alerts: [Alert] = []
        func push(_ alert: Alert) {
            alerts.removeAll { $0.fingerprint == alert.fingerprint }
            alerts.append(alert)
            inhibitor.observe(alert)
        }
        func notified(at seconds: Double) -> Set<String> {
            Set(
                alerts.filter { !inhibitor.isInhibited($0.labels, at: Self.at(seconds)) }
                    .map { "\($0.name)/\($0.labels["zone"]!)\($0.isResolved(at: Self.at(seconds)) ? "/resolved" : "")" }
            )
        }
        push(Self.alert(["alertname": "test1", "job": "testjob", "zone": "aa"], from: 1))
        push(Self.alert(["alertname": "InstanceDown", "job": "testjob", "zone": "aa"], from: 1))
        push(Self.alert(["alertname": "InstanceDown", "job": "testjob", "zone": "ab"], from: 1))
        #expect(notified(at: 2) == ["test1/aa", "InstanceDown/aa", "InstanceDown/ab"])
        push(Self.alert(["alertname": "JobDown", "job": "testjob", "zone": "aa"], from: 2.2))
        #expect(notified(at: 3) == ["test1/aa", "InstanceDown/ab", "JobDown/aa"])
        push(Self.alert(["alertname": "JobDown", "job": "testjob", "zone": "aa"], from: 2.2, to: 3.6))
        #expect(notified(at: 4) == ["test1/aa", "InstanceDown/aa", "InstanceDown/ab", "JobDown/aa/resolved"])
    }

    /// Acceptance TestAlwaysInhibiting: source and target resolve together; the last notification has both.
    @Test("acceptance: always inhibiting until both resolve together")
    func acceptanceAlwaysInhibiting() {
        var inhibitor = Inhibitor(rules: [Self.jobDownRule])
        let instance = ["alertname": "InstanceDown", "job": "testjob", "zone": "aa"]
        let job = ["alertname": "JobDown", "job": "testjob", "zone": "aa"]
        inhibitor.observe(Self.alert(instance, from: 1))
        inhibitor.observe(Self.alert(job, from: 1))
        #expect(inhibitor.isInhibited(Labels(instance), at: Self.at(2)))
        #expect(!inhibitor.isInhibited(Labels(job), at: Self.at(2)))
        inhibitor.observe(Self.alert(job, from: 1, to: 2.6))
        inhibitor.observe(Self.alert(instance, from: 1, to: 2.6))
        #expect(!inhibitor.isInhibited(Labels(instance), at: Self.at(3)))
        #expect(!inhibitor.isInhibited(Labels(job), at: Self.at(3)))
    }

    /// Random alerts over time against a direct transcription of Alertmanager's `Mutes`/`hasEqual` scan.
    @Test("inhibitor matches a brute-force scan", arguments: [7, 8])
    func bruteForce(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let rules = [
            InhibitRule(
                sourceMatchers: [Self.eq("severity", "critical")],
                targetMatchers: [try LabelMatcher(name: "severity", op: .regexMatch, value: "warning|critical")],
                equal: ["cluster"]),
            InhibitRule(
                sourceMatchers: [Self.eq("alertname", "NodeDown")], targetMatchers: [Self.eq("team", "a")],
                equal: ["node", "zone"]),
            InhibitRule(sourceMatchers: [Self.eq("alertname", "Maintenance")], targetMatchers: []),
        ]
        var inhibitor = Inhibitor(rules: rules)
        var alerts: [AlertFingerprint: Alert] = [:]
        var time = 0.0
        var checks = 0
        var inhibited = 0
        for step in 0..<600 {
            if random.next() % 4 == 0 { time += Double(random.next() % 20) }
            var labels = [
                "alertname": pick(["NodeDown", "Disk", "Latency", "NodeDown", "Maintenance"]),
                "severity": pick(["critical", "warning", "info"]), "cluster": pick(["a", "b", ""]),
                "node": pick(["n1", "n2", ""]), "zone": pick(["z1", ""]), "team": pick(["a", "b"]),
            ]
            if labels["alertname"] == "Maintenance" && random.next() % 3 != 0 { labels["alertname"] = "Disk" }
            let alert = Self.alert(labels, from: time, to: time + Double(random.next() % 60))
            alerts[alert.fingerprint] = alert
            inhibitor.observe(alert)
            if step % 7 == 0, let gone = alerts.keys.sorted(by: { $0.value < $1.value }).first {
                alerts[gone] = nil
                inhibitor.remove(gone)
            }
            let instant = Self.at(time)
            for candidate in alerts.values {
                var expected = false
                for rule in rules {
                    func matches(_ matchers: [LabelMatcher], _ labels: Labels) -> Bool {
                        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
                    }
                    guard matches(rule.targetMatchers, candidate.labels) else { continue }
                    let twoSided = matches(rule.sourceMatchers, candidate.labels)
                    expected = alerts.values.contains { source in
                        matches(rule.sourceMatchers, source.labels) && !source.isResolved(at: instant)
                            && rule.equal.allSatisfy { source.labels[$0] == candidate.labels[$0] }
                            && !(twoSided && matches(rule.targetMatchers, source.labels))
                    }
                    if expected { break }
                }
                #expect(inhibitor.isInhibited(candidate.labels, at: instant) == expected, "\(candidate.labels)")
                checks += 1
                if expected { inhibited += 1 }
            }
        }
        #expect(
            checks > 10_000 && inhibited > 100 && inhibited < checks - 100, "checks \(checks), inhibited \(inhibited)")
    }
}
