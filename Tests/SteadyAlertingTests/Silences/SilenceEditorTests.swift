import SteadyAlerting
import SteadyModel
import Testing

/// Alertmanager 0.25's silence validation (silence_test.go `TestValidateSilence`/`TestValidateMatcher`, api/v2
/// `postSilencesHandler`) and write rules (`TestSilenceSet`, `TestSilenceCanUpdate`, `TestSilenceExpire`).
@Suite("Silences: validation, updates and expiry")
struct SilenceEditorTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)

    static func at(_ minutes: Int, seconds: Int = 0) -> WallInstant {
        now.advanced(by: .seconds(minutes * 60 + seconds))
    }

    static func eq(_ name: String, _ value: String) -> LabelMatcher {
        try! LabelMatcher(name: name, op: .equal, value: value)
    }

    static func posted(
        id: String? = nil, _ matchers: [LabelMatcher] = [eq("a", "b")], from start: Int = 0, to end: Int = 60,
        comment: String = "maintenance"
    ) -> PostableSilence {
        PostableSilence(
            id: id, matchers: matchers, startsAt: at(start), endsAt: at(end), createdBy: "ops", comment: comment)
    }

    /// A deterministic id source.
    final class IDs: @unchecked Sendable {
        var next = 0
        func make() -> String {
            next += 1
            return "id-\(next)"
        }
    }

    /// The ``SilenceError`` message `body` throws, or nil.
    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? SilenceError)?.message ?? "unexpected \(error)"
        }
    }

    @Test("the API handler's time checks come first, with Alertmanager's messages")
    func timeChecks() {
        let ids = IDs()
        #expect(
            Self.message {
                _ = try SilenceEditor.set(Self.posted(from: 10, to: 10), existing: nil, now: Self.now, newID: ids.make)
            }
                == "Failed to create silence: start time must be before end time")
        #expect(
            Self.message {
                _ = try SilenceEditor.set(Self.posted(from: 10, to: 5), existing: nil, now: Self.now, newID: ids.make)
            }
                == "Failed to create silence: start time must be before end time")
        #expect(
            Self.message {
                _ = try SilenceEditor.set(Self.posted(from: -60, to: -1), existing: nil, now: Self.now, newID: ids.make)
            }
                == "Failed to create silence: end time can't be in the past")
        // Checked before the matchers and before the id lookup.
        #expect(
            Self.message {
                _ = try SilenceEditor.set(
                    Self.posted(id: "gone", [], from: -60, to: -1), existing: nil, now: Self.now, newID: ids.make)
            } == "Failed to create silence: end time can't be in the past")
        #expect(
            Self.message {
                _ = try SilenceEditor.set(Self.posted(id: "gone", []), existing: nil, now: Self.now, newID: ids.make)
            }
                == "silence not found")
        #expect(ids.next == 0)
    }

    @Test("validateSilence's matcher rules")
    func matcherRules() throws {
        func validate(_ matchers: [LabelMatcher]) -> String? {
            Self.message { try SilenceValidator.validateMatchers(matchers) }
        }
        #expect(validate([]) == "silence invalid: at least one matcher required")
        #expect(validate([Self.eq("a", "b")]) == nil)
        #expect(
            validate([Self.eq("a", "b"), Self.eq("00", "b")])
                == #"silence invalid: invalid label matcher 1: invalid label name "00""#)
        #expect(
            validate([Self.eq("a", ""), try LabelMatcher(name: "b", op: .regexMatch, value: ".*")])
                == "silence invalid: at least one matcher must not match the empty string")
        #expect(
            validate([try LabelMatcher(name: "b", op: .regexMatch, value: "x|")])
                == "silence invalid: at least one matcher must not match the empty string")
        // Negative matchers never count as matching the empty string in Alertmanager 0.25.
        #expect(validate([try LabelMatcher(name: "a", op: .notEqual, value: "b")]) == nil)
        #expect(validate([try LabelMatcher(name: "a", op: .regexNoMatch, value: ".*")]) == nil)
        #expect(validate([Self.eq("a", ""), try LabelMatcher(name: "b", op: .regexMatch, value: ".+")]) == nil)
    }

    @Test("matchers from API fields fail as ValidateMatcher does: name first, then the expression")
    func apiMatchers() throws {
        let regex = try SilenceValidator.matcher(name: "job", value: "api|web", isEqual: false, isRegex: true, index: 0)
        #expect(regex == (try LabelMatcher(name: "job", op: .regexNoMatch, value: "api|web")))
        #expect(try SilenceValidator.matcher(name: "a", value: "b", isRegex: false, index: 0).op == .equal)
        #expect(
            Self.message { _ = try SilenceValidator.matcher(name: "a-b", value: "((", isRegex: true, index: 2) }
                == #"silence invalid: invalid label matcher 2: invalid label name "a-b""#)
        let invalid = Self.message { _ = try SilenceValidator.matcher(name: "a", value: "((", isRegex: true, index: 1) }
        #expect(
            invalid?.hasPrefix(#"silence invalid: invalid label matcher 1: invalid regular expression "((": "#) == true)
        #expect(invalid?.hasSuffix("`((`") == true)
    }

    @Test("comment and createdBy may be empty, as in Alertmanager 0.25")
    func emptyCommentAccepted() throws {
        let write = try SilenceEditor.set(
            Self.posted(comment: ""), existing: nil, now: Self.now, newID: IDs().make)
        #expect(write.writes.first?.comment == "")
    }

    /// TestSilenceSet, step by step.
    @Test("create, update in place, replace on a matcher change, re-create an expired one")
    func setSequence() throws {
        let ids = IDs()
        // A pending silence keeps its start.
        let first = try SilenceEditor.set(Self.posted(from: 2, to: 5), existing: nil, now: Self.now, newID: ids.make)
        #expect(
            first
                == .init(
                    id: "id-1",
                    writes: [
                        Silence(
                            id: "id-1", matchers: [Self.eq("a", "b")], startsAt: Self.at(2), endsAt: Self.at(5),
                            updatedAt: Self.now, createdBy: "ops", comment: "maintenance")
                    ]))
        // A start in the past is moved to now. (Alertmanager's test updates it at the very instant it ends, when its
        // store still calls it active and its API already expired; Steady calls it expired, so it ends later here.)
        let second = try SilenceEditor.set(
            Self.posted(from: -10, to: 3), existing: nil, now: Self.at(1), newID: ids.make)
        var stored = try #require(second.writes.last)
        #expect(second.id == "id-2" && stored.startsAt == Self.at(1) && stored.updatedAt == Self.at(1))
        // Same matchers and start, later end: updated in place.
        let third = try SilenceEditor.set(
            PostableSilence(
                id: stored.id, matchers: stored.matchers, startsAt: stored.startsAt, endsAt: Self.at(102),
                createdBy: "ops", comment: "longer"),
            existing: stored, now: Self.at(2), newID: ids.make)
        #expect(third.id == "id-2" && third.writes.count == 1)
        #expect(third.writes[0].endsAt == Self.at(102) && third.writes[0].startsAt == Self.at(1))
        #expect(third.writes[0].comment == "longer" && third.writes[0].updatedAt == Self.at(2))
        stored = third.writes[0]
        // New matcher: the active silence is expired now and a new one takes over.
        let fourth = try SilenceEditor.set(
            PostableSilence(
                id: stored.id, matchers: [Self.eq("a", "c")], startsAt: stored.startsAt, endsAt: stored.endsAt,
                createdBy: "ops", comment: "x"),
            existing: stored, now: Self.at(3), newID: ids.make)
        #expect(fourth.id == "id-3")
        #expect(fourth.writes.map(\.id) == ["id-2", "id-3"])
        #expect(fourth.writes[0].endsAt == Self.at(3) && fourth.writes[0].startsAt == Self.at(1))
        #expect(fourth.writes[0].matchers == [Self.eq("a", "b")])
        #expect(fourth.writes[1].startsAt == Self.at(3) && fourth.writes[1].endsAt == Self.at(102))
        // Re-creating the expired silence: new id, nothing else expired, start moved to now.
        let expired = fourth.writes[0]
        let fifth = try SilenceEditor.set(
            PostableSilence(
                id: expired.id, matchers: expired.matchers, startsAt: Self.now, endsAt: Self.at(5),
                createdBy: "ops", comment: "again"),
            existing: expired, now: Self.at(4), newID: ids.make)
        #expect(fifth.id == "id-4" && fifth.writes.count == 1 && fifth.writes[0].startsAt == Self.at(4))
    }

    /// TestSilenceCanUpdate.
    @Test("canUpdate by state")
    func canUpdate() {
        func silence(_ start: Int, _ end: Int, seconds: Int = 0) -> Silence {
            Silence(
                id: "s", matchers: [Self.eq("a", "b")], startsAt: Self.at(start, seconds: seconds),
                endsAt: Self.at(end), updatedAt: Self.at(-60), createdBy: "", comment: "")
        }
        func update(_ start: Int, _ end: Int, seconds: Int = 0) -> PostableSilence {
            PostableSilence(
                id: "s", matchers: [Self.eq("a", "b")], startsAt: Self.at(start, seconds: seconds),
                endsAt: Self.at(end, seconds: 0), createdBy: "", comment: "")
        }
        let now = Self.now
        // Expired.
        #expect(!SilenceEditor.canUpdate(silence(-60, -1), to: update(0, 0), now: now))
        // Pending: may not start in the past; may start now or later.
        #expect(!SilenceEditor.canUpdate(silence(60, 120), to: update(-1, 60), now: now))
        #expect(SilenceEditor.canUpdate(silence(60, 120), to: update(1, 1), now: now))
        #expect(SilenceEditor.canUpdate(silence(60, 120), to: update(0, 120), now: now))
        // Active: same start (to the second), end not in the past.
        #expect(!SilenceEditor.canUpdate(silence(-60, 120), to: update(-1, 120), now: now))
        #expect(!SilenceEditor.canUpdate(silence(-60, 120), to: update(-60, -1), now: now))
        #expect(SilenceEditor.canUpdate(silence(-60, 120), to: update(-60, 0), now: now))
        #expect(SilenceEditor.canUpdate(silence(-60, 120), to: update(-60, 180), now: now))
        var subSecond = update(-60, 180)
        subSecond.startsAt = subSecond.startsAt.advanced(by: .milliseconds(400))
        #expect(SilenceEditor.canUpdate(silence(-60, 120), to: subSecond, now: now))
        // Different matchers never.
        var other = update(-60, 180)
        other.matchers = [Self.eq("a", "c")]
        #expect(!SilenceEditor.canUpdate(silence(-60, 120), to: other, now: now))
    }

    @Test("a pending silence that cannot be updated in place is expired at now")
    func pendingReplaced() throws {
        let pending = Silence(
            id: "p", matchers: [Self.eq("a", "b")], startsAt: Self.at(60), endsAt: Self.at(120), updatedAt: Self.now,
            createdBy: "ops", comment: "")
        let write = try SilenceEditor.set(
            Self.posted(id: "p", [Self.eq("a", "z")], from: 60, to: 120), existing: pending, now: Self.now,
            newID: IDs().make)
        #expect(write.writes.count == 2)
        #expect(write.writes[0].startsAt == Self.now && write.writes[0].endsAt == Self.now)
        #expect(write.writes[1].startsAt == Self.at(60))
    }

    @Test("an invalid replacement leaves the stored silence alone")
    func invalidReplacement() {
        let active = Silence(
            id: "a", matchers: [Self.eq("a", "b")], startsAt: Self.at(-1), endsAt: Self.at(60), updatedAt: Self.now,
            createdBy: "ops", comment: "")
        #expect(
            Self.message {
                _ = try SilenceEditor.set(
                    Self.posted(id: "a", [Self.eq("a", "")]), existing: active, now: Self.now, newID: IDs().make)
            } == "silence invalid: at least one matcher must not match the empty string")
    }

    /// TestSilenceExpire.
    @Test("expire: active ends now, pending starts and ends now, expired is a no-op, unknown is not found")
    func expire() throws {
        func silence(_ id: String, _ start: Int, _ end: Int) -> Silence {
            Silence(
                id: id, matchers: [Self.eq("a", "b")], startsAt: Self.at(start), endsAt: Self.at(end),
                updatedAt: Self.at(-60), createdBy: "", comment: "")
        }
        let pending = try #require(try SilenceEditor.expire(id: "p", existing: silence("p", 1, 60), now: Self.now))
        #expect(pending.startsAt == Self.now && pending.endsAt == Self.now && pending.updatedAt == Self.now)
        #expect(pending.state(at: Self.now) == .expired)
        let active = try #require(try SilenceEditor.expire(id: "a", existing: silence("a", -1, 60), now: Self.now))
        #expect(active.startsAt == Self.at(-1) && active.endsAt == Self.now && active.updatedAt == Self.now)
        #expect(try SilenceEditor.expire(id: "e", existing: silence("e", -60, -1), now: Self.now) == nil)
        #expect(
            Self.message { _ = try SilenceEditor.expire(id: "x", existing: nil, now: Self.now) } == "silence not found")
        do {
            _ = try SilenceEditor.expire(id: "x", existing: nil, now: Self.now)
        } catch {
            #expect(error.isNotFound)
        }
    }

    @Test("GET filter: every filter matcher must be one of the silence's matchers, verbatim")
    func filter() throws {
        let silence = Silence(
            id: "s",
            matchers: [
                Self.eq("alertname", "DiskFull"), try LabelMatcher(name: "instance", op: .regexMatch, value: "db-.*"),
            ],
            startsAt: Self.now, endsAt: Self.at(60), updatedAt: Self.now, createdBy: "", comment: "")
        #expect(SilenceFilter.matches(silence, []))
        #expect(SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"alertname="DiskFull""#)))
        #expect(
            SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"{instance=~"db-.*", alertname=DiskFull}"#)))
        // Values are compared, not matched.
        #expect(!SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"alertname=~"Disk.*""#)))
        #expect(!SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"instance="db-1""#)))
        #expect(!SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"alertname!="DiskFull""#)))
        #expect(!SilenceFilter.matches(silence, try AlertMatcherParser.parse(#"alertname="DiskFull", team=db"#)))
    }

    @Test("SortSilences order")
    func sorting() {
        func silence(_ id: String, _ start: Int, _ end: Int) -> Silence {
            Silence(
                id: id, matchers: [Self.eq("a", "b")], startsAt: Self.at(start), endsAt: Self.at(end),
                updatedAt: Self.now, createdBy: "", comment: "")
        }
        let silences = [
            silence("expired-old", -60, -30), silence("pending-late", 30, 90), silence("active-long", -5, 120),
            silence("expired-new", -60, -1), silence("active-short", -5, 10), silence("pending-soon", 5, 90),
        ]
        #expect(
            SilenceFilter.sorted(silences, at: Self.now).map(\.id) == [
                "active-short", "active-long", "pending-soon", "pending-late", "expired-new", "expired-old",
            ])
    }
}
