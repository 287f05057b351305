import Foundation
import Testing

@testable import SteadyModel

@Suite("Regex engine")
struct RegexEngineTests {
    /// Patterns that make a backtracking engine take exponential time complete in one linear pass here. (A
    /// backtracking engine does not finish these within minutes; no timing is asserted, finishing is the test.)
    @Test(arguments: [
        ("(a+)+b", "a", false), ("(a|aa)+c", "a", false), ("(a*)*b", "a", false), ("(.*a){12}", "a", true),
        ("(\\w+\\.)+example\\.com", "a.", false), ("(x+x+)+y", "x", false), ("((a?){30})a{30}", "a", false),
    ])
    func catastrophicBacktrackingPatternsAreLinear(pattern: String, unit: String, matches: Bool) throws {
        let regex = try AnchoredRegex(pattern)
        let input = String(repeating: unit, count: 20_000)
        #expect(regex.matches(input) == matches)
        // Non-ASCII input takes the NFA simulation for the rest of the value.
        #expect(regex.matches(input + "é") == false)
    }

    @Test func largeProgramsOnLongInputsFinish() throws {
        let regex = try AnchoredRegex("(?:[a-z]{1,20}\\.){1,50}[a-z]{2,}")
        let label = String(repeating: "abcdefghij.", count: 50) + "com"
        #expect(regex.matches(label))
        #expect(!regex.matches(label + "."))
    }

    /// The DFA (ASCII) and the NFA simulation agree, including at the hand-over to the NFA at a non-ASCII scalar.
    @Test func deterministicAndSimulatedMatchingAgree() throws {
        var random = SplitMix64(seed: 7)
        let patterns = [
            "a(b|c)*d", "(?i)k[a-z]+", "^$", "a*$|b", "\\Aab\\z", "[^a]*é?", "(a|é)+", ".{2,4}", "(?-s:.)*x",
            "\\pL\\d*", "x?(?i:é)y", "(?m)a$",
        ]
        let alphabet = ["a", "b", "c", "d", "x", "y", "K", "k", "é", "É", "\n", "1", "\u{212A}"]
        for pattern in patterns {
            let regex = try AnchoredRegex(pattern)
            let program = try RegexProgram(RegexParser.parse(pattern))
            for _ in 0..<400 {
                let value = (0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % 13)] }.joined()
                #expect(
                    regex.matches(value) == program.matches(value[...].unicodeScalars),
                    "\(pattern) on \(value.debugDescription)")
            }
        }
    }

    @Test func asciiPatternsGetADFAAndContextAssertionsDoNot() throws {
        #expect(RegexASCIIDFA(try RegexProgram(RegexParser.parse("(a|b)*c{2,5}"))) != nil)
        #expect(RegexASCIIDFA(try RegexProgram(RegexParser.parse("\\bword\\b"))) == nil)
        // Subset construction blows up on "the 12th scalar from the end is a": the NFA takes over, still linear.
        let blowUp = "(a|b)*a(a|b){12}"
        #expect(RegexASCIIDFA(try RegexProgram(RegexParser.parse(blowUp))) == nil)
        let regex = try AnchoredRegex(blowUp)
        #expect(regex.matches("bba" + String(repeating: "b", count: 12)))
        #expect(!regex.matches("bbb" + String(repeating: "b", count: 12)))
    }

    /// Error messages name RE2's error and the offending text.
    @Test(arguments: [
        ("a**", "invalid nested repetition operator: `**`"), ("(a", "missing closing ): `(a`"),
        ("a)", "unexpected ): `a)`"), ("[a", "missing closing ]: `[a`"),
        ("*", "missing argument to repetition operator: `*`"),
        ("a{1001}", "invalid repeat count: `{1001}`"), ("[z-a]", "invalid character class range: `z-a`"),
        ("\\8", "invalid escape sequence: `\\8`"), ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
        ("\\p{Foo}", "invalid character class range: `\\p{Foo}`"),
        ("a\\", "trailing backslash at end of expression: ``"),
        ("(?P<n>a)(?P<n>b)", "duplicate capture group name: `(?P<n>`"),
        ("(a{1000}){1000}", "invalid repeat count: `{1000}`"), ("((){1000}){1000}", "invalid repeat count: `{1000}`"),
        (String(repeating: "a{1000}", count: 21), "expression too large"),
    ])
    func errorsLikeRE2(pattern: String, reason: String) {
        #expect(throws: SelectorError.invalidRegex(pattern, reason: reason)) { try AnchoredRegex(pattern) }
    }

    /// Nested counted repetitions are limited to 1,000 copies in all, as in Go, so compiling stays cheap even when
    /// the repeated thing is empty.
    @Test func nestedCountedRepetitionsAreBounded() throws {
        #expect(try AnchoredRegex("(a{2}){500}").matches(String(repeating: "a", count: 1_000)))
        #expect(try AnchoredRegex("((){10}){100}").matches(""))
        #expect(try AnchoredRegex("(a*){1000}b").matches("aaab"))
    }

    /// A class repeated by a count is stored once and evaluated once per scalar.
    @Test func repeatedClassesAreShared() throws {
        let program = try RegexProgram(RegexParser.parse("[\\p{Greek}\\p{Han}]{500}"))
        #expect(program.classes.count == 1)
        let regex = try AnchoredRegex("[\\p{Greek}\\p{Han}\\p{Greek}]{500}")
        #expect(regex.matches(String(repeating: "α漢", count: 250)))
        #expect(!regex.matches(String(repeating: "α漢", count: 249) + "αa"))
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(throws: SelectorError.self) { try AnchoredRegex(deep) }
        let nested =
            String(repeating: "(", count: RegexParser.maxDepth) + "a"
            + String(repeating: ")", count: RegexParser.maxDepth)
        #expect(try AnchoredRegex(nested).matches("a"))
    }

    @Test func caseFoldingUsesUnicodeOrbits() throws {
        let kelvin = try AnchoredRegex("(?i)k")
        #expect(kelvin.matches("K") && kelvin.matches("\u{212A}") && !kelvin.matches("x"))
        let sigma = try AnchoredRegex("(?i)[σ]+")
        #expect(sigma.matches("ςΣσ"))
        let dotless = try AnchoredRegex("(?i)i")
        #expect(!dotless.matches("\u{131}"))
    }

    /// As in Go's regexp: a repetition after `\Q…\E` repeats its last literal; `(?)` changes nothing; a repetition
    /// after a bare flag group repeats what came before it, or has no argument.
    @Test func quotingAndFlagGroupsLikeGo() throws {
        let quoted = try AnchoredRegex("\\Qa.b\\E{2}")
        #expect(quoted.matches("a.bb") && !quoted.matches("a.ba.b"))
        #expect(try AnchoredRegex("a(?)b").matches("ab"))
        #expect(try AnchoredRegex("a(?i)*").matches("aaa"))
        #expect(throws: SelectorError.self) { try AnchoredRegex("(?i)*") }
    }

    /// PromQL (Prometheus 3) anchors as `^(?s:re)$`, Alertmanager as `^(?:re)$`: only the first lets `.` match a
    /// newline. Alertmanager-side parsers build Alertmanager matchers, and stored matchers keep their dialect.
    @Test func dotAndNewlineByDialect() throws {
        #expect(try LabelMatcher(name: "l", op: .regexMatch, value: "a.b").matches("a\nb"))
        #expect(try !LabelMatcher(name: "l", op: .regexMatch, value: "a.b", dialect: .alertmanager).matches("a\nb"))
        #expect(try LabelMatcher(name: "l", op: .regexMatch, value: "(?s)a.b", dialect: .alertmanager).matches("a\nb"))
        let parsed = try #require(try AlertMatcherParser.parse(#"l=~"a.b""#).first)
        #expect(parsed.dialect == .alertmanager && !parsed.matches("a\nb") && parsed.matches("a-b"))
        let prometheus = try LabelMatcher(name: "l", op: .regexMatch, value: "a.b")
        let decoded = try JSONDecoder().decode(LabelMatcher.self, from: JSONEncoder().encode(prometheus))
        #expect(decoded.dialect == .prometheus && decoded.matches("a\nb"))
        let stored = try JSONDecoder().decode(
            LabelMatcher.self, from: Data(#"{"name":"l","op":"=~","value":"a.b"}"#.utf8))
        #expect(stored.dialect == .alertmanager && !stored.matches("a\nb"))
    }

    @Test func octalAndHexEscapes() throws {
        #expect(try AnchoredRegex("\\101\\x42\\x{43}\\0").matches("ABC\u{0}"))
        #expect(try AnchoredRegex("\\12").matches("\n"))
    }
}
