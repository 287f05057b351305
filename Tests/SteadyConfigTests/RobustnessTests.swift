import Foundation
import SteadyConfig
import SteadyModel
import Testing

@Suite struct RobustnessTests {
    static let palette: [Unicode.Scalar] = [
        ":", "-", " ", "\n", "{", "}", "[", "]", "'", "\"", "&", "*", "!", "|", ">", "$", "#", "%", "@", "`", "\t",
        "\u{0}", "\u{7}", "é", "0", "9", "?", ",", "<", "\\", "\r", "\u{FEFF}", "😀", "a", "_",
    ]

    static func mutate(_ scalars: [Unicode.Scalar], using random: inout SplitMix64) -> [Unicode.Scalar] {
        var text = scalars
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !text.isEmpty else { break }
            let at = Int.random(in: 0..<text.count, using: &random)
            let length = min(Int.random(in: 1...6, using: &random), text.count - at)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: text.removeSubrange(at..<(at + length))
            case 1: text.insert(contentsOf: text[at..<(at + length)], at: at)
            case 2: text[at] = palette[Int.random(in: 0..<palette.count, using: &random)]
            default: text.insert(palette[Int.random(in: 0..<palette.count, using: &random)], at: at)
            }
        }
        return text
    }

    /// Mutated versions of the example either load or throw a `ConfigError` whose positions are inside the file.
    @Test func randomMutationsOfTheExampleNeverCrash() throws {
        let example = try String(contentsOf: ExampleConfigTests.exampleURL, encoding: .utf8)
        let scalars = Array(example.unicodeScalars)
        let loader = ConfigLoader(environment: ExampleConfigTests.environment)
        var random = SplitMix64(seed: 0x5EED)
        var loaded = 0
        var failed = 0
        for iteration in 0..<2000 {
            var text = String(String.UnicodeScalarView(Self.mutate(scalars, using: &random)))
            if iteration % 10 == 9 { text = String(text.shuffled(using: &random).prefix(200)) }
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            do throws(ConfigError) {
                _ = try loader.parse(yaml: text, file: "fuzz.yml")
                loaded += 1
            } catch {
                failed += 1
                #expect(!error.errors.isEmpty, "iteration \(iteration)")
                for diagnostic in error.diagnostics {
                    #expect(
                        diagnostic.line >= 1 && diagnostic.line <= lines + 1, "iteration \(iteration): \(diagnostic)")
                    #expect(diagnostic.column >= 1, "iteration \(iteration): \(diagnostic)")
                }
            }
        }
        // Both outcomes are exercised.
        #expect(loaded > 100)
        #expect(failed > 100)
    }

    @Test func hostileInputs() {
        let loader = ConfigLoader(environment: [:])
        let deepButAllowed = "route: " + String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        let deepBlock = "route:\n" + String(repeating: "- ", count: 900) + "x\n"
        let huge =
            "scrape: { interval: 99999999999999999999999s }\nservices: [{ name: a, slos: [{ name: b, "
            + "objective: 1e400, sli: { raw: { error_ratio_query: q } }, alerting: { min_events: 1e99 } }] }]"
        let junk = String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self)
        let longKey = "server: { " + String(repeating: "k", count: 100_000) + ": 1 }"
        let manyErrors = "services:\n" + String(repeating: "  - name: BAD\n", count: 1000)
        for input in [deepButAllowed, deepBlock, huge, junk, longKey, manyErrors, "\u{0}", "{", "}", ":", "- -", "&a"] {
            do throws(ConfigError) {
                _ = try loader.parse(yaml: input, file: "x.yml")
            } catch {
                #expect(!error.errors.isEmpty)
            }
        }
        #expect(Fixture.errors(manyErrors).count == 201)
        #expect(
            Fixture.errors(manyErrors).last?.hasSuffix("error: too many errors; stopped reporting after 200") == true)
        #expect(
            Fixture.errors(huge) == [
                #"steady.yml:1:21: error: scrape.interval: found "99999999999999999999999s", expected a duration like 15s or 1m30s"#,
                #"steady.yml:2:52: error: services[0].slos[0].objective: found "1e400", expected a percentage strictly between 0 and 100, like 99.9"#,
                #"steady.yml:2:123: error: services[0].slos[0].alerting.min_events: found "1e99", expected an integer between 0 and 1000000000"#,
            ])
    }

    @Test func aliasBombsStopAtTheNodeBudget() {
        var yaml = "route:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            let items = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "  l\(level): &l\(level) [\(items)]\n"
        }
        let errors = Fixture.errors(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("aliases expand this document to more than 1000000 nodes") == true)
    }
}
