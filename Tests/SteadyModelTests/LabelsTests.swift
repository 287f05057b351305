import SteadyModel
import Testing

@Suite("Labels")
struct LabelsTests {
    @Test("sorted, unique by name (later wins), empty values dropped")
    func normalisation() {
        let labels = Labels([Label("b", "2"), Label("a", "1"), Label("b", "3"), Label("c", "")])
        #expect(labels.pairs == [Label("a", "1"), Label("b", "3")])
        #expect(labels["b"] == "3")
        #expect(labels["c"] == nil)
    }

    @Test("normalisation agrees with a dictionary where later names win, on random pair lists")
    func normalisationMatchesAReference() {
        var random = SplitMix64(seed: 0x1AB)
        let names = ["a", "b", "c", "job", "instance", "Z", "_x"]
        for _ in 0..<2_000 {
            let pairs = (0..<Int(random.next() % 9)).map { _ in
                Label(names[Int(random.next() % 7)], ["", "1", "2", "v"][Int(random.next() % 4)])
            }
            var reference: [String: String] = [:]
            for pair in pairs { reference[pair.name] = pair.value }
            let expected = reference.filter { !$0.value.isEmpty }.map { Label($0.key, $0.value) }.sorted {
                $0.name < $1.name
            }
            #expect(Labels(pairs).pairs == expected, "\(pairs)")
        }
    }

    @Test(
        "escaping works by Unicode scalar, so selectors print and parse back",
        arguments: ["\"\u{301}", "a\\\u{301}b", "line\r\nnext", "plain", "q\"uote"])
    func escapeRoundTrip(value: String) throws {
        let matcher = try LabelMatcher(name: "x", op: .equal, value: value)
        let selector = SeriesSelector(metricName: "m", matchers: [matcher])
        let parsed = try SeriesSelector(parsing: selector.description)
        #expect(parsed == selector)
        #expect(parsed.matchers.first?.value == value)
    }
}
