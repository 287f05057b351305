import Testing

@testable import SteadyConfig

@Suite struct SuggestionTests {
    @Test func editDistance() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("interval", "interval") == 0)
        #expect(distance("intreval", "interval") == 2)
    }

    @Test func closest() {
        let keys = ["targets", "interval", "timeout", "metrics_path", "scheme", "labels"]
        #expect(Suggestion.closest(to: "intervall", in: keys) == "interval")
        #expect(Suggestion.closest(to: "target", in: keys) == "targets")
        #expect(Suggestion.closest(to: "metrics", in: keys) == "metrics_path")
        #expect(Suggestion.closest(to: "Scheme", in: keys) == "scheme")
        #expect(Suggestion.closest(to: "xyz", in: keys) == nil)
        #expect(Suggestion.closest(to: "a", in: ["ab", "b"]) == nil)
        #expect(Suggestion.closest(to: String(repeating: "x", count: 1000), in: keys) == nil)
    }

    @Test func interpolator() {
        let interpolator = EnvironmentInterpolator(environment: ["A": "1", "E": ""])
        #expect(interpolator.interpolate("${A}-${E:-d}-${U:-}-$$-$x-$").value == "1-d--$-$x-$")
        #expect(interpolator.interpolate("${A:-x}${E}").value == "1")
        #expect(interpolator.interpolate("é${U}").failures == [.init(kind: .unset(name: "U"), offset: 2)])
        #expect(interpolator.interpolate("${").failures == [.init(kind: .unterminated, offset: 0)])
        #expect(interpolator.interpolate("${1A}").failures == [.init(kind: .invalidName("1A"), offset: 0)])
    }
}
