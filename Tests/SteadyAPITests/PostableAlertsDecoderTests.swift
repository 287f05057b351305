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
        #expect(alerts[0].labels == ["alertname": "A", "empty": ""])
        #expect(alerts[0].annotations == ["summary": "s"])
        #expect(alerts[0].startsAt?.nanosecondsSinceEpoch == 1_700_000_000_123_456_789)
        #expect(alerts[0].endsAt == nil)
        #expect(alerts[0].generatorURL == "http://prom/graph")
        #expect(alerts[1].annotations.isEmpty)
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
