import Foundation
import SteadyModel
import Testing

@testable import SteadyAPI

@Suite("POST /api/v2/alerts body decoding")
struct PostableAlertsDecoderTests {
    func decode(_ text: String) throws(PostableAlertsDecoder.Failure) -> [PostableAlert] {
        try PostableAlertsDecoder.decode(Data(text.utf8))
    }

    @Test func decodesEveryField() throws {
        let alerts = try decode(
            #"""
            [{"labels": {"alertname": "A", "empty": ""}, "annotations": {"summary": "s"},
              "startsAt": "2023-11-14T22:13:20.123456789Z", "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prom/graph"},
             {"labels": {"alertname": "B"}, "annotations": null}]
            """#)
        #expect(alerts.count == 2)
        #expect(alerts[0].labels == ["alertname": "A"], "empty values are dropped")
        #expect(alerts[0].annotations == ["summary": "s"])
        #expect(alerts[0].startsAt?.nanosecondsSinceEpoch == 1_700_000_000_123_456_789)
        #expect(alerts[0].endsAt == nil)
        #expect(alerts[0].generatorURL == "http://prom/graph")
        #expect(alerts[1].annotations.isEmpty)
    }

    /// As Go's JSON decoding into a map: the last of duplicate keys wins, and an empty last value then removes the
    /// label (intake drops empty values).
    @Test func duplicateKeysLastWins() throws {
        let alerts = try decode(#"[{"labels": {"b": "1", "a": "x", "b": "2", "a": "", "c": ""}}]"#)
        #expect(alerts[0].labelSet.pairs == [Label("b", "2")])
    }

    @Test func reportsProblemsLikeAlertmanager() {
        #expect(throws: PostableAlertsDecoder.Failure.unprocessable("1.labels in body is required")) {
            try decode(#"[{"labels": {"a": "b"}}, {"annotations": {}}]"#)
        }
        #expect(throws: PostableAlertsDecoder.Failure.badRequest("0.labels.a in body must be of type string")) {
            try decode(#"[{"labels": {"a": 1}}]"#)
        }
        #expect(
            throws: PostableAlertsDecoder.Failure.badRequest(
                #"0.startsAt in body must be of type date-time: "yesterday""#)
        ) {
            try decode(#"[{"labels": {"a": "b"}, "startsAt": "yesterday"}]"#)
        }
        // Times outside what an Int64 of nanoseconds holds (1678-2262) are refused, never a crash.
        for year in ["0002", "1677", "2263", "9999"] {
            #expect(
                throws: PostableAlertsDecoder.Failure.badRequest(
                    "0.endsAt in body must be of type date-time: \"\(year)-06-01T00:00:00Z\"")
            ) {
                try decode(#"[{"labels": {"a": "b"}, "endsAt": "\#(year)-06-01T00:00:00Z"}]"#)
            }
        }
        // A top-level value that is not an array (even valid JSON) is named as such; trailing commas are malformed
        // (Go's encoding/json; JSONSerialization accepted them).
        #expect(
            throws: PostableAlertsDecoder.Failure.badRequest(
                "parsing alerts body failed: expected a JSON array of alerts")
        ) {
            try decode(#""x""#)
        }
        #expect(
            throws: PostableAlertsDecoder.Failure.badRequest("parsing alerts body failed: the body is not valid JSON")
        ) {
            try decode(#"[{"labels": {"a": "b"}},]"#)
        }
        #expect(throws: PostableAlertsDecoder.Failure.self) { try decode(#"{"labels": {}}"#) }
        #expect(throws: PostableAlertsDecoder.Failure.self) { try decode("[{") }
    }

    @Test func randomInputNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"[]{}",:0123456789.-eEtrufalsn\ labelsannotationsstartsAt"#.utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? PostableAlertsDecoder.decode(Data(bytes))
        }
    }
}

/// The byte-level decoder against the JSONSerialization decoder it replaced, on the same inputs.
@Suite("POST /api/v2/alerts decoding, differential")
struct PostableAlertsDecoderDifferentialTests {
    static let seeds = [
        #"[{"labels":{"alertname":"HighLatency","service":"checkout","severity":"page"},"annotations":{"summary":"p99 \u003e 1s","description":"line\nbreak \"quoted\" \\ \/ \u00e9 \ud83d\ude00"},"startsAt":"2023-11-14T22:13:20.123Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=up"}]"#,
        #"[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B","x":""},"annotations":null,"startsAt":null,"endsAt":"2023-11-14T22:13:20Z","extra":[1,2.5e3,-0.5,true,false,null,{"k":[]}]}]"#,
        #"  [ ]  "#,
        #"[{"labels":{"a":"b"},"labels":{"c":"d"},"generatorURL":""}]"#,
    ]

    enum Outcome: Equatable {
        case alerts([PostableAlert])
        case failure(PostableAlertsDecoder.Failure)
    }

    static func outcome(_ body: () throws(PostableAlertsDecoder.Failure) -> [PostableAlert]) -> Outcome {
        do { return .alerts(try body()) } catch { return .failure(error) }
    }

    /// The same outcome, except that the old decoder names an arbitrary bad member of a map (dictionary order)
    /// where the new one names the first; both must then report a bad member of the same field.
    static func agree(_ new: Outcome, _ old: Outcome, input: [UInt8]) -> Bool {
        if new == old { return true }
        let malformed = Outcome.failure(.badRequest("parsing alerts body failed: the body is not valid JSON"))
        let notArray = Outcome.failure(.badRequest("parsing alerts body failed: expected a JSON array of alerts"))
        // Known and intended: a top-level scalar is "not an array" (JSONSerialization calls it malformed), and
        // trailing commas are malformed, as in Go (JSONSerialization accepts them).
        let text = String(decoding: input, as: UTF8.self)
        if new == notArray, old == malformed, text.first(where: { !$0.isWhitespace }).map({ $0 != "[" }) ?? false {
            return true
        }
        if new == malformed, old != malformed, text.contains(/,\s*[\]}]/) { return true }
        // Lone surrogate escapes become U+FFFD, as in Go (JSONSerialization refuses them).
        if old == malformed, new != malformed, text.contains(/\\u[dD][89a-fA-F]/) { return true }
        guard case .failure(.badRequest(let a)) = new, case .failure(.badRequest(let b)) = old,
            a.hasSuffix(" in body must be of type string"), b.hasSuffix(" in body must be of type string")
        else { return false }
        let field = { (text: String) in text.split(separator: ".").prefix(2).joined(separator: ".") }
        return field(a) == field(b)
    }

    @Test("hand-picked bodies: valid, wrong types, malformed, deep nesting")
    func handPicked() {
        let bodies =
            Self.seeds + [
                "", "[", "]", "[{}]", "[1]", "[null]", "{}", "\"x\"", "[{\"labels\":{}}]", "[{\"labels\":[]}]",
                #"[{"labels":{"a":1}}]"#, #"[{"labels":{"a":"b"},"annotations":{"x":null}}]"#,
                #"[{"labels":{"a":"b"},"startsAt":5}]"#, #"[{"labels":{"a":"b"},"endsAt":"soon"}]"#,
                #"[{"labels":{"a":"b"},"generatorURL":{}}]"#, #"[{"labels":{"a":"b"}},]"#, #"[{"labels":{"a":"b"}}] x"#,
                #"[{"labels":{"a":"b\u12"}}]"#, #"[{"labels":{"a":"b"}}, 01]"#, #"[{"labels":{"a":"b"}}, -]"#,
                #"[{"labels":{"a":"b"}}, 1.]"#, #"[{"labels":{"a":"b"}}, 1e]"#, #"[{"labels":{"a":"b"}}, tru]"#,
                "[\"a\tb\"]", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
            ]
        for body in bodies {
            let data = Data(body.utf8)
            let new = Self.outcome { () throws(PostableAlertsDecoder.Failure) in try PostableAlertsDecoder.decode(data)
            }
            let old = Self.outcome { () throws(PostableAlertsDecoder.Failure) in
                try FoundationPostableAlertsDecoder.decode(data)
            }
            #expect(Self.agree(new, old, input: Array(body.utf8)), "\(body): \(new) vs \(old)")
        }
        // Nesting past the limit is refused as malformed JSON instead of exhausting the stack.
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(
            throws: PostableAlertsDecoder.Failure.badRequest("parsing alerts body failed: the body is not valid JSON")
        ) {
            try PostableAlertsDecoder.decode(deep)
        }
    }

    @Test("seeded mutations agree with the JSONSerialization decoder")
    func mutations() {
        var random = SplitMix(seed: 0x5EED)
        let alphabet = Array(#"[]{}",:\ 0123456789.-+eEtrufalsn\u"#.utf8) + [0x09, 0x0A, 0xC3, 0xA9]
        var disagreements: [String] = []
        for round in 0..<20_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0...(random.next() % 4) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 3 {
                case 0: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                default:
                    if position < bytes.count {
                        bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    }
                }
            }
            // Foundation and Go differ on invalid UTF-8 (Go, and Steady, substitute U+FFFD); keep inputs valid.
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            let data = Data(bytes)
            let new = Self.outcome { () throws(PostableAlertsDecoder.Failure) in try PostableAlertsDecoder.decode(data)
            }
            let old = Self.outcome { () throws(PostableAlertsDecoder.Failure) in
                try FoundationPostableAlertsDecoder.decode(data)
            }
            if !Self.agree(new, old, input: bytes), disagreements.count < 10 {
                disagreements.append("\(String(decoding: bytes, as: UTF8.self)): \(new) vs \(old)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}

/// A small deterministic generator for reproducible mutation tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
