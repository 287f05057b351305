import Benchmark
import SteadyModel

/// Label-matcher regexes (routes, silences, inhibit rules, `?filter=`): typical patterns on typical label values,
/// and a pattern that takes a backtracking engine exponential time.
func matcherBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )
    let cases: [(String, String, [String])] = [
        ("alternation", "critical|warning|page", ["critical", "info", "warning", "pager"]),
        ("status class", "5..", ["500", "404", "503"]),
        ("contains", ".*foo.*", ["a long label value with foo inside", "no match here at all ok"]),
        ("host names", "(\\w+\\.)+example\\.com", ["api.eu.example.com", "api.example.org"]),
        ("case-insensitive", "(?i)prod.*", ["Production", "staging"]),
        ("non-ASCII values", "\\pL+", ["héllo", "wörld1"]),
    ]
    for (name, pattern, values) in cases {
        let matcher = try! LabelMatcher(name: "l", op: .regexMatch, value: pattern)
        Benchmark("Label matcher =~ \(name) (per match)", configuration: configuration) { benchmark in
            for iteration in benchmark.scaledIterations {
                blackHole(matcher.matches(values[iteration % values.count]))
            }
        }
    }
    // Compiling: silences, inhibit rules and `?filter=` compile their patterns per request or per reload.
    let compiled = [
        ("small", "critical|warning"),
        (
            "scripts x1000",
            "[\\p{Han}\\p{Greek}\\p{Cyrillic}\\p{Arabic}\\p{Hebrew}\\p{Thai}\\p{Armenian}\\p{Latin}]{1000}"
        ),
        ("case-insensitive x1000", "(?i)[a-z]{1000}"),
    ]
    for (name, pattern) in compiled {
        Benchmark(
            "Label matcher compile \(name)",
            configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! LabelMatcher(name: "l", op: .regexMatch, value: pattern))
            }
        }
    }
    let nested = try! LabelMatcher(name: "l", op: .regexMatch, value: "(a+)+b")
    let attack = String(repeating: "a", count: 4_096)
    Benchmark(
        "Label matcher =~ (a+)+b on 4 KiB of a (per match)",
        configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(nested.matches(attack)) }
    }
}
