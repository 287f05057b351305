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
