import SteadyModel
import Testing

/// Steady's regex engine against RE2 itself (google-re2) on random patterns and inputs: the same patterns compile,
/// and every input matches or not as it does in RE2.
@Suite("Regex engine against RE2")
struct RegexConformanceTests {
    /// A random pattern over a small alphabet, with an input it matches when one is easy to build.
    private struct PatternGenerator {
        var random: SplitMix64
        var depth = 0

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func alternation() -> (String, String?) {
            var branches = [concatenation()]
            while chance(20) && branches.count < 4 { branches.append(concatenation()) }
            let pattern = branches.map(\.0).joined(separator: "|")
            return (pattern, pick(branches).1)
        }

        mutating func concatenation() -> (String, String?) {
            var pattern = ""
            var example: String? = ""
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let (piece, pieceExample) = repeated()
                pattern += piece
                example = example.flatMap { prefix in pieceExample.map { prefix + $0 } }
            }
            return (pattern, example)
        }

        mutating func repeated() -> (String, String?) {
            let (atom, example) = atom()
            // RE2 repeats an empty match after a bare flag group like `(?i)`; Go's regexp, which Prometheus and
            // Alertmanager use, rejects `(?i)*`, and so does Steady.
            guard chance(35), !(atom.hasPrefix("(?") && atom.hasSuffix(")") && atom.count <= 4) else {
                return (atom, example)
            }
            let (suffix, count): (String, Int) = pick([
                ("*", 2), ("+", 1), ("?", 1), ("{2}", 2), ("{1,3}", 3), ("{0,}", 0), ("{2,}", 3), ("*?", 1),
                ("+?", 2), ("{0}", 0),
            ])
            return (atom + suffix, example.map { String(repeating: $0, count: count) })
        }

        mutating func atom() -> (String, String?) {
            if depth < 3 && chance(18) {
                depth += 1
                defer { depth -= 1 }
                let (inner, example) = alternation()
                let open = pick(["(", "(?:", "(?i:", "(?P<n\(random.next() % 1000)>", "(?-s:", "(?m:", "(?U:"])
                return (open + inner + ")", example)
            }
            switch random.next() % 16 {
            case 0: return (".", pick(["a", "é", "\n"]))
            case 1:
                let (pattern, example) = pick([
                    ("\\d", "0"), ("\\w", "_"), ("\\s", " "), ("\\D", "a"), ("\\W", "-"), ("\\S", "k"),
                    ("\\pL", "é"), ("\\p{Lu}", "É"), ("\\PL", "0"), ("\\p{Greek}", "ς"), ("\\p{^Greek}", "a"),
                    ("\\pN", "0"),
                ])
                return (pattern, example)
            case 2:
                return pick([
                    ("[a-c]", "b"), ("[^a]", "b"), ("[[:alpha:]_]", "A"), ("[\\d\\s]", " "), ("[é-ë]", "ê"),
                    ("[^\\w]", "-"), ("[]a]", "]"), ("[a-]", "-"), ("[\\pL0]", "0"), ("[[:^digit:]]", "a"),
                    ("[kK]", "\u{212A}"), ("[^\\n]", "a"), ("[.]", "."), ("[\\x41-\\x{5A}]", "K"),
                ])
            case 3:
                return pick([
                    ("^", ""), ("$", ""), ("\\A", ""), ("\\z", ""), ("\\b", ""), ("\\B", ""), ("(?i)", ""),
                    ("(?m)", ""), ("(?s)", ""),
                ])
            case 4:
                return pick([
                    ("\\.", "."), ("\\-", "-"), ("\\n", "\n"), ("\\x41", "A"), ("\\x{e9}", "é"), ("\\101", "A"),
                    ("\\Qa.b\\E", "a.b"), ("\\t", "\t"), ("a{,2}", "a{,2}"), ("\\{", "{"),
                ])
            default:
                let literal = pick(["a", "b", "A", "é", "É", "0", "-", " ", "k", "ς", "σ", "Σ", "_"])
                return (literal, literal)
            }
        }
    }

    private static let inputAlphabet = [
        "a", "b", "A", "é", "É", "0", "-", "\n", " ", "k", "K", "\u{212A}", "ς", "Σ", "_", ".", "e\u{301}",
    ]

    @Test func randomPatternsMatchLikeRE2() throws {
        var generator = PatternGenerator(random: SplitMix64(seed: 0x2E2))
        var inputRandom = SplitMix64(seed: 0xC0DE)
        var cases: [RE2Oracle.Case] = []
        for _ in 0..<1_500 {
            let (pattern, example) = generator.alternation()
            var inputs = example.map { [$0, $0 + "a", String($0.dropLast())] } ?? []
            for _ in 0..<24 {
                let length = Int(inputRandom.next() % 7)
                inputs.append((0..<length).map { _ in Self.inputAlphabet[Int(inputRandom.next() % 17)] }.joined())
            }
            // Every other pattern as Alertmanager anchors it (`.` does not match a newline).
            cases.append(RE2Oracle.Case(pattern: pattern, inputs: inputs, dotNewline: cases.count % 2 == 0))
        }
        let results = try RE2Oracle.match(cases)
        var compared = 0
        var matched = 0
        for (testCase, expected) in zip(cases, results) {
            let matcher: LabelMatcher
            do {
                matcher = try LabelMatcher(
                    name: "l", op: .regexMatch, value: testCase.pattern,
                    dialect: testCase.dotNewline ? .prometheus : .alertmanager)
            } catch {
                Issue.record("RE2 compiles \(testCase.pattern.debugDescription) but Steady says: \(error)")
                continue
            }
            #expect(expected.error == nil, "RE2 rejects \(testCase.pattern.debugDescription): \(expected.error ?? "")")
            for (input, expectedMatch) in zip(testCase.inputs, expected.matches) {
                #expect(
                    matcher.matches(input) == expectedMatch,
                    "\(testCase.pattern.debugDescription) on \(input.debugDescription): RE2 says \(expectedMatch)")
                compared += 1
                if expectedMatch { matched += 1 }
            }
        }
        // The generator must exercise both outcomes.
        #expect(compared > 30_000)
        #expect(matched > compared / 20, "only \(matched) of \(compared) inputs matched")
    }

    /// Case folding with negated items and large classes, scripts and categories: fixed cases, answered by RE2.
    @Test func foldingNegationAndPropertiesLikeRE2() throws {
        let patterns = [
            "(?i)[[:^upper:]]", "(?i)\\W", "(?i)\\P{Lu}", "(?i)\\p{^Ll}", "(?i)[\\x{100}-\\x{5000}]",
            "(?i)[\\x{80}-\\x{FFFF}]+", "(?i)[^k]", "(?i)\\D", "(?i)[\\WK]", "(?i)σ+", "(?i)[ϑ]", "(?i)ß",
            "\\p{Greek}+\\P{Greek}", "[\\p{Han}\\p{Latin}]{2}", "(?i)\\p{Greek}", "\\pN\\p{Nd}",
            "[^\\PL]+", "(?i)[[:^alpha:]]+",
        ]
        let inputs = [
            "a", "A", "k", "K", "\u{212A}", "s", "S", "\u{17F}", "1", "-", "σ", "ς", "Σ", "θ", "ϑ", "Θ", "ß", "ẞ",
            "αβ1", "漢a", "ab", "Ω", "Ⅳ", "٣", "é", "\u{1E9E}", "k1",
        ]
        let results = try RE2Oracle.match(patterns.map { RE2Oracle.Case(pattern: $0, inputs: inputs) })
        for (pattern, expected) in zip(patterns, results) {
            #expect(expected.error == nil, "RE2 rejects \(pattern)")
            let matcher = try LabelMatcher(name: "l", op: .regexMatch, value: pattern)
            for (input, expectedMatch) in zip(inputs, expected.matches) {
                #expect(
                    matcher.matches(input) == expectedMatch,
                    "\(pattern) on \(input.debugDescription): RE2 says \(expectedMatch)")
            }
        }
    }

    /// Patterns RE2 rejects are rejected; each also checked against RE2 so the list cannot drift.
    @Test func rejectsWhatRE2Rejects() throws {
        let patterns = [
            "(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "(?>a)", "(a)\\1", "a++", "a*+", "a**", "a{2}{3}", "a{1001}",
            "a{2,1}", "[a-", "[z-a]", "a\\", "\\R", "\\X", "\\K", "\\8", "\\Z", "(a", "a)", "*a", "|*", "(?-)",
            "(?i-)", "(?P<>a)", "(?P<a-b>a)", "(?P=n)", "(?#c)", "[[:foo:]]", "\\p{Foo}",
            "\\pX", "\\x{110000}", "\\xZ1", "(?i)*", "a|?", "\\é", "[\\b]", "((a{2}){2}){251}",
            "(((){1000}){1000}){1000}", "((((){1000}){1000}){1000}){1000}", "(a{1000}){2}",
        ]
        let results = try RE2Oracle.match(patterns.map { RE2Oracle.Case(pattern: $0, inputs: []) })
        for (pattern, oracle) in zip(patterns, results) {
            #expect(oracle.error != nil, "RE2 accepts \(pattern.debugDescription)")
            #expect(throws: SelectorError.self, "\(pattern.debugDescription)") {
                try LabelMatcher(name: "l", op: .regexMatch, value: pattern)
            }
        }
    }
}
