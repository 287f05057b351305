import SteadyAlerting
import SteadyModel
import Testing

@Suite("Silences: index and silencer")
struct SilencerTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)

    static func at(_ minutes: Int) -> WallInstant { now.advanced(by: .seconds(minutes * 60)) }

    static func silence(
        _ id: String, _ matchers: [LabelMatcher], from start: Int, to end: Int
    ) -> Silence {
        Silence(
            id: id, matchers: matchers, startsAt: at(start), endsAt: at(end), updatedAt: now, createdBy: "test",
            comment: "test")
    }

    static func matcher(_ name: String, _ op: LabelMatcher.Operator, _ value: String) -> LabelMatcher {
        try! LabelMatcher(name: name, op: op, value: value)
    }

    /// Alertmanager's TestSilencer, including issue #2426 (a pending silence becoming active without any write).
    @Test("Alertmanager's TestSilencer")
    func alertmanagerSilencer() {
        var silencer = Silencer()
        func mutes(_ labels: Labels, at instant: WallInstant) -> Bool { silencer.mutes(labels, at: instant) }
        func status(_ labels: Labels, at instant: WallInstant) -> SilenceStatus {
            silencer.status(of: labels, at: instant)
        }
        let labels = Labels(["foo": "bar"])
        #expect(!mutes(labels, at: Self.now))
        silencer.upsert(Self.silence("1", [Self.matcher("foo", .equal, "baz")], from: -60, to: 5))
        #expect(!mutes(labels, at: Self.now))
        silencer.upsert(Self.silence("2", [Self.matcher("foo", .equal, "bar")], from: -60, to: 5))
        #expect(mutes(labels, at: Self.now))
        #expect(status(labels, at: Self.now) == SilenceStatus(activeIDs: ["2"]))
        // An hour passes; the silence expires.
        #expect(!mutes(labels, at: Self.at(60)))
        // Updated to start in the future.
        silencer.upsert(Self.silence("2", [Self.matcher("foo", .equal, "bar")], from: 120, to: 240))
        #expect(!mutes(labels, at: Self.at(60)))
        #expect(status(labels, at: Self.at(60)) == SilenceStatus(pendingIDs: ["2"]))
        // Two hours pass without writes: the cached pending silence becomes active (#2426).
        #expect(mutes(labels, at: Self.at(180)))
        silencer.upsert(Self.silence("3", [Self.matcher("foo", .regexMatch, "b..")], from: 240, to: 360))
        #expect(mutes(labels, at: Self.at(180)))
        // The first silence ends, the overlapping second one starts.
        #expect(status(labels, at: Self.at(300)) == SilenceStatus(activeIDs: ["3"]))
        #expect(status(Labels(["foo": "bzz"]), at: Self.at(300)) == SilenceStatus(activeIDs: ["3"]))
    }

    @Test("a removed silence stops muting; expired silences are garbage collected")
    func removal() {
        var silencer = Silencer(
            SilenceIndex([
                Self.silence("a", [Self.matcher("job", .equal, "api")], from: -10, to: 10),
                Self.silence("b", [Self.matcher("job", .notEqual, "web")], from: -10, to: 20),
            ]))
        func mutes(_ labels: Labels, at instant: WallInstant) -> Bool { silencer.mutes(labels, at: instant) }
        func status(_ labels: Labels, at instant: WallInstant) -> SilenceStatus {
            silencer.status(of: labels, at: instant)
        }
        let labels = Labels(["job": "api"])
        #expect(status(labels, at: Self.now).activeIDs == ["a", "b"])
        silencer.remove(id: "a")
        #expect(status(labels, at: Self.now).activeIDs == ["b"])
        #expect(silencer.removeSilences(endedBefore: Self.at(30)) == ["b"])
        #expect(silencer.index.count == 0)
        #expect(!mutes(labels, at: Self.now))
        silencer.forget(AlertFingerprint(labels))
        #expect(silencer.cachedCount == 0)
    }

    /// Random silences (equality, negative and regex matchers, all states) and random label sets: the cached
    /// silencer and the index agree with a scan of every silence at every step, as silences are added, changed and
    /// removed and time moves on.
    @Test("silencer matches a brute-force scan", arguments: [1, 2, 3])
    func bruteForce(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let names = ["alertname", "job", "instance", "severity", "team"]
        let values = ["a", "b", "c", "d", ""]
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func randomLabels() -> Labels {
            Labels(Dictionary(uniqueKeysWithValues: names.map { ($0, pick(values)) }))
        }
        func randomMatcher() -> LabelMatcher {
            let name = pick(names)
            switch random.next() % 6 {
            case 0, 1, 2: return Self.matcher(name, .equal, pick(values))
            case 3: return Self.matcher(name, .notEqual, pick(values))
            case 4: return Self.matcher(name, .regexMatch, "\(pick(values))|\(pick(values))")
            default: return Self.matcher(name, .regexNoMatch, "[\(pick(["a", "b"]))-c]")
            }
        }
        var silencer = Silencer()
        func mutes(_ labels: Labels, at instant: WallInstant) -> Bool { silencer.mutes(labels, at: instant) }
        func status(_ labels: Labels, at instant: WallInstant) -> SilenceStatus {
            silencer.status(of: labels, at: instant)
        }
        var reference: [String: Silence] = [:]
        let alerts = (0..<40).map { _ in randomLabels() }
        var minute = 0
        var checks = 0
        var muted = 0
        for step in 0..<400 {
            switch random.next() % 10 {
            case 0:
                if let id = reference.keys.sorted().first {
                    reference[id] = nil
                    silencer.remove(id: id)
                }
            case 1, 2: minute += Int(random.next() % 30)
            default:
                let id = "s\(random.next() % 300)"
                let start = minute + Int(random.next() % 60) - 30
                let silence = Self.silence(
                    id, (0..<Int(1 + random.next() % 3)).map { _ in randomMatcher() }, from: start,
                    to: start + 1 + Int(random.next() % 90))
                reference[id] = silence
                silencer.upsert(silence)
            }
            let instant = Self.at(minute)
            for labels in alerts where (step + labels.count) % 3 == 0 || step % 50 == 0 {
                let matching = reference.values.filter { $0.matches(labels) }
                let expected = SilenceStatus(
                    activeIDs: matching.filter { $0.state(at: instant) == .active }.map(\.id).sorted(),
                    pendingIDs: matching.filter { $0.state(at: instant) == .pending }.map(\.id).sorted())
                #expect(status(labels, at: instant) == expected)
                #expect(silencer.index.status(of: labels, at: instant) == expected)
                #expect(silencer.index.matching(labels).map(\.id) == matching.map(\.id).sorted())
                checks += 1
                if expected.isSilenced { muted += 1 }
            }
        }
        // The scenario exercises both outcomes.
        #expect(checks > 1000 && muted > 50 && muted < checks - 50, "checks \(checks), muted \(muted)")
    }

    @Test("lookups with many silences only look at candidates")
    func manySilences() {
        var index = SilenceIndex()
        for number in 0..<20_000 {
            index.upsert(
                Self.silence(
                    "s\(number)",
                    [
                        Self.matcher("alertname", .equal, "Alert\(number)"),
                        Self.matcher("env", .regexMatch, "prod|dev"),
                    ],
                    from: -10, to: 10))
        }
        index.upsert(Self.silence("wide", [Self.matcher("env", .equal, "prod")], from: -10, to: 10))
        let labels = Labels(["alertname": "Alert12345", "env": "prod", "job": "x"])
        #expect(index.status(of: labels, at: Self.now).activeIDs == ["s12345", "wide"])
        #expect(index.status(of: Labels(["alertname": "Other", "env": "dev"]), at: Self.now).activeIDs == [])
        #expect(index.count == 20_001)
    }
}
