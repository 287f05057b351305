import SteadyModel
import Testing

@Suite("SeriesSelector(parsing:)")
struct SelectorParsingTests {
    private func matcher(_ name: String, _ op: LabelMatcher.Operator, _ value: String) throws -> LabelMatcher {
        try LabelMatcher(name: name, op: op, value: value)
    }

    // MARK: - Valid forms

    @Test func metricNameOnly() throws {
        let selector = try SeriesSelector(parsing: "up")
        #expect(selector.metricName == "up")
        #expect(selector.matchers.isEmpty)
    }

    @Test func surroundingWhitespaceAndEmptyBraces() throws {
        let selector = try SeriesSelector(parsing: " \t\nnode_cpu_seconds_total {  }\r\n")
        #expect(selector.metricName == "node_cpu_seconds_total")
        #expect(selector.matchers.isEmpty)
    }

    @Test func recordingRuleNameWithColons() throws {
        let selector = try SeriesSelector(parsing: ":job:http_requests:rate5m{job=\"api\"}")
        #expect(selector.metricName == ":job:http_requests:rate5m")
        #expect(selector.matchers == [try matcher("job", .equal, "api")])
    }

    @Test func allFourOperatorsAndTrailingComma() throws {
        let selector = try SeriesSelector(
            parsing: #"http_requests_total{code=~"5..", method!="GET", path!~"/health.*", job="api",}"#)
        #expect(selector.metricName == "http_requests_total")
        #expect(
            selector.matchers == [
                try matcher("code", .regexMatch, "5.."), try matcher("method", .notEqual, "GET"),
                try matcher("path", .regexNoMatch, "/health.*"), try matcher("job", .equal, "api"),
            ])
    }

    @Test func whitespaceBetweenEveryToken() throws {
        let selector = try SeriesSelector(parsing: "up \n{\n  job\t=\t\"a\" ,\n  code !~ 'b'\n,\n}\n")
        #expect(selector.metricName == "up")
        #expect(selector.matchers == [try matcher("job", .equal, "a"), try matcher("code", .regexNoMatch, "b")])
    }

    @Test func matchersWithoutMetricName() throws {
        let selector = try SeriesSelector(parsing: #"{job="api", instance!=""}"#)
        #expect(selector.metricName == nil)
        #expect(selector.matchers == [try matcher("job", .equal, "api"), try matcher("instance", .notEqual, "")])
    }

    @Test func nameLabelEqualityBecomesMetricName() throws {
        let selector = try SeriesSelector(parsing: #"{job="api", __name__="up"}"#)
        #expect(selector.metricName == "up")
        #expect(selector.matchers == [try matcher("job", .equal, "api")])
        #expect(selector.description == #"up{job="api"}"#)
    }

    @Test func nameLabelThatIsNotAPlainNameStaysAMatcher() throws {
        // Found by the selector fuzzer: `u#{…}` would not parse back.
        let selector = try SeriesSelector(parsing: #"{__name__="u#", job=~"a|b"}"#)
        #expect(selector.metricName == nil)
        #expect(selector.matchers == [try matcher("__name__", .equal, "u#"), try matcher("job", .regexMatch, "a|b")])
        #expect(try SeriesSelector(parsing: selector.description) == selector)
        #expect(selector.matches(name: "u#", labels: Labels(["job": "a"])))
    }

    @Test func nameLabelRegexStaysAMatcher() throws {
        let selector = try SeriesSelector(parsing: #"{__name__=~"http_.*_total"}"#)
        #expect(selector.metricName == nil)
        #expect(selector.matchers == [try matcher("__name__", .regexMatch, "http_.*_total")])
        #expect(selector.matches(name: "http_requests_total", labels: Labels()))
        #expect(!selector.matches(name: "up", labels: Labels()))
    }

    @Test func severalNameMatchersStayMatchers() throws {
        let selector = try SeriesSelector(parsing: #"{__name__="up", __name__=~"u.*"}"#)
        #expect(selector.metricName == nil)
        #expect(selector.matchers.count == 2)
        #expect(selector.matches(name: "up", labels: Labels()))
        #expect(!selector.matches(name: "down", labels: Labels()))
        #expect(try SeriesSelector(parsing: selector.description) == selector)
    }

    @Test func nonEmptyMatcherRule() throws {
        #expect(try SeriesSelector(parsing: #"{a!=""}"#).matchers.count == 1)
        #expect(try SeriesSelector(parsing: #"{a=~".+"}"#).matchers.count == 1)
        #expect(try SeriesSelector(parsing: #"{a=~".*", b="x"}"#).matchers.count == 2)
        #expect(try SeriesSelector(parsing: #"up{a=""}"#).metricName == "up")
    }

    @Test func quoteStylesAndEscapes() throws {
        let cases: [(String, String)] = [
            (#"{a="x\"y\\z"}"#, "x\"y\\z"),
            (#"{a="\n\t\r\a\b\f\v"}"#, "\n\t\r\u{07}\u{08}\u{0C}\u{0B}"),
            (#"{a="\x41\101\u00e9\U0001F600"}"#, "AAé😀"),
            (#"{a="\xc3\xa9"}"#, "é"),
            (#"{a='it\'s "fine"'}"#, "it's \"fine\""),
            ("{a=`raw \\n \\d+ \"q\" 'q'`}", "raw \\n \\d+ \"q\" 'q'"),
            ("{a=`two\nlines`}", "two\nlines"),
            ("{a=\"tab\there ünïcödé\"}", "tab\there ünïcödé"),
        ]
        for (text, expected) in cases {
            let selector = try SeriesSelector(parsing: text)
            #expect(selector.matchers.first?.value == expected, "\(text)")
        }
    }

    // MARK: - Errors

    private struct SyntaxCase: Sendable, CustomStringConvertible {
        let text: String
        let offset: Int
        let found: String
        let expected: String
        var description: String { text }
    }

    private static let syntaxCases: [SyntaxCase] = [
        SyntaxCase(text: "", offset: 0, found: "end of input", expected: #"metric name or "{""#),
        SyntaxCase(text: "  5xx", offset: 2, found: #""5""#, expected: #"metric name or "{""#),
        SyntaxCase(text: "up x", offset: 3, found: #""x""#, expected: #""{" or end of input"#),
        SyntaxCase(text: "up[5m]", offset: 2, found: #""[""#, expected: #""{" or end of input"#),
        SyntaxCase(text: #"up{a="b"} offset 5m"#, offset: 10, found: #""o""#, expected: "end of input"),
        SyntaxCase(text: "up{", offset: 3, found: "end of input", expected: #"label name or "}""#),
        SyntaxCase(text: #"up{1a="x"}"#, offset: 3, found: #""1""#, expected: #"label name or "}""#),
        SyntaxCase(text: #"up{,}"#, offset: 3, found: #"",""#, expected: #"label name or "}""#),
        SyntaxCase(text: #"up{a="b",,}"#, offset: 9, found: #"",""#, expected: #"label name or "}""#),
        SyntaxCase(text: "up{job}", offset: 6, found: #""}""#, expected: #"one of "=", "!=", "=~", "!~""#),
        SyntaxCase(text: #"up{a.b="x"}"#, offset: 4, found: #"".""#, expected: #"one of "=", "!=", "=~", "!~""#),
        SyntaxCase(text: #"up{a:b="x"}"#, offset: 4, found: #"":""#, expected: #"one of "=", "!=", "=~", "!~""#),
        SyntaxCase(text: #"up{a~"x"}"#, offset: 4, found: #""~""#, expected: #"one of "=", "!=", "=~", "!~""#),
        SyntaxCase(text: "up{job=}", offset: 7, found: #""}""#, expected: "quoted string"),
        SyntaxCase(text: #"up{job=="x"}"#, offset: 7, found: #""=""#, expected: "quoted string"),
        SyntaxCase(text: "up{job=x}", offset: 7, found: #""x""#, expected: "quoted string"),
        SyntaxCase(text: #"up{a="x" b="y"}"#, offset: 9, found: #""b""#, expected: #""," or "}""#),
        SyntaxCase(text: #"up{a="x""#, offset: 8, found: "end of input", expected: #""," or "}""#),
        SyntaxCase(
            text: #"up{a="x}"#, offset: 8, found: "end of input", expected: #"closing " of the string at offset 5"#),
        SyntaxCase(
            text: "up{a=`x}", offset: 8, found: "end of input", expected: "closing ` of the string at offset 5"),
        SyntaxCase(
            text: "up{a=\"x\ny\"}", offset: 7, found: "newline",
            expected: #"closing " (strings cannot span lines)"#),
        SyntaxCase(
            text: #"up{a="\q"}"#, offset: 7, found: #""q""#,
            expected: #"escape sequence (\a \b \f \n \r \t \v \\ \x \u \U or octal)"#),
        SyntaxCase(
            text: #"up{a='\"'}"#, offset: 7, found: #"'"'"#,
            expected: #"escape sequence (\a \b \f \n \r \t \v \\ \x \u \U or octal)"#),
        SyntaxCase(
            text: #"up{a="\'"}"#, offset: 7, found: #""'""#,
            expected: #"escape sequence (\a \b \f \n \r \t \v \\ \x \u \U or octal)"#),
        SyntaxCase(text: #"up{a="\xZZ"}"#, offset: 8, found: #""Z""#, expected: "hexadecimal digit"),
        SyntaxCase(text: #"up{a="\u12"}"#, offset: 10, found: #"'"'"#, expected: "hexadecimal digit"),
        SyntaxCase(text: #"up{a="\19"}"#, offset: 8, found: #""9""#, expected: "octal digit"),
        SyntaxCase(text: #"up{a="\400"}"#, offset: 6, found: #"octal escape above \377"#, expected: "a byte value"),
        SyntaxCase(text: #"up{a="\uD800"}"#, offset: 6, found: "escape of U+D800", expected: "a Unicode scalar value"),
        SyntaxCase(
            text: #"up{a="\U00110000"}"#, offset: 6, found: "escape of U+110000", expected: "a Unicode scalar value"),
        SyntaxCase(text: #"up{a="\xff"}"#, offset: 5, found: "invalid UTF-8 in string", expected: "valid UTF-8"),
        SyntaxCase(text: "up{a=\"\\", offset: 7, found: "end of input", expected: "escape sequence"),
        SyntaxCase(text: "up{é=\"x\"}", offset: 3, found: #""é""#, expected: #"label name or "}""#),
        SyntaxCase(
            text: #"up{__name__="x"}"#, offset: 3, found: "a __name__ matcher",
            expected: #"no __name__ matcher after the metric name "up""#),
        SyntaxCase(
            text: #"up{a="b", __name__=~"x"}"#, offset: 10, found: "a __name__ matcher",
            expected: #"no __name__ matcher after the metric name "up""#),
    ]

    @Test(arguments: syntaxCases)
    private func syntaxError(_ testCase: SyntaxCase) {
        let expected = SelectorError.syntax(offset: testCase.offset, found: testCase.found, expected: testCase.expected)
        #expect(throws: expected) { try SeriesSelector(parsing: testCase.text) }
    }

    @Test(arguments: ["{}", " { } ", #"{a=""}"#, #"{a=~".*"}"#, #"{a!~".+"}"#, #"{a=~"x|"}"#, #"{a="", b=~".*",}"#])
    func emptyMatchers(_ text: String) {
        #expect(throws: SelectorError.emptyMatchers) { try SeriesSelector(parsing: text) }
    }

    @Test func invalidRegexCarriesTheOffsetOfItsString() throws {
        let error = try #require(throws: SelectorError.self) { try SeriesSelector(parsing: #"up{path=~"(unclosed"}"#) }
        #expect(error.offset == 9)
        #expect(error.description.contains("invalid regular expression \"(unclosed\""))
    }

    @Test(arguments: [
        "(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "(?>a)", "(a)\\1", "(?<n>a)\\k<n>", "a++", "a*+", "a**", "a{2}{3}",
        "a{1001}", "a{3,2}", "[a-", "a\\", "\\R", "\\X", "\\K",
    ])
    func regexSyntaxThatRE2Rejects(_ pattern: String) {
        #expect(throws: SelectorError.self) { try LabelMatcher(name: "a", op: .regexMatch, value: pattern) }
    }

    // MARK: - Regex semantics (RE2 compatible)

    private struct RegexCase: Sendable, CustomStringConvertible {
        let pattern: String
        let matching: [String]
        let notMatching: [String]
        var description: String { pattern }
    }

    private static let regexCases: [RegexCase] = [
        RegexCase(pattern: "5..", matching: ["500", "503"], notMatching: ["5000", "200", "x500", "50"]),
        RegexCase(pattern: "2..|3..", matching: ["200", "304"], notMatching: ["2000", "x300", "404"]),
        RegexCase(pattern: "foo|bar", matching: ["foo", "bar"], notMatching: ["foobar", "fo"]),
        RegexCase(pattern: "(GET|POST)", matching: ["GET", "POST"], notMatching: ["PUT", "GETX"]),
        RegexCase(pattern: ".*foo.*", matching: ["foo", "a foo b", "x\nfoo\ny"], notMatching: ["fo", "bar"]),
        RegexCase(pattern: "[[:alpha:]]+", matching: ["abc", "XyZ"], notMatching: ["é", "a1", ""]),
        RegexCase(pattern: "[[:digit:][:upper:]_]+", matching: ["A_1"], notMatching: ["a"]),
        RegexCase(pattern: "\\d+", matching: ["0123"], notMatching: ["١٢", "1a"]),
        RegexCase(pattern: "\\w+\\s\\w+", matching: ["a_1 b"], notMatching: ["é b", "a\u{A0}b"]),
        RegexCase(pattern: "(?i)get", matching: ["get", "GeT"], notMatching: ["got"]),
        RegexCase(pattern: "\\pL+", matching: ["héllo", "αβ"], notMatching: ["a1"]),
        RegexCase(pattern: "\\p{Greek}\\PL", matching: ["α1"], notMatching: ["αβ"]),
        RegexCase(pattern: "e.", matching: ["e\u{301}"], notMatching: ["é"]),
        RegexCase(pattern: "[^/]+/?", matching: ["api/", "api"], notMatching: ["a/b"]),
        RegexCase(pattern: "a{2,3}", matching: ["aa", "aaa"], notMatching: ["a", "aaaa"]),
        RegexCase(pattern: "a{,3}", matching: ["a{,3}"], notMatching: ["aaa", ""]),
        RegexCase(pattern: "[]a]+", matching: ["]a]"], notMatching: ["b"]),
        RegexCase(pattern: "[a[b]", matching: ["a", "[", "b"], notMatching: ["c"]),
        RegexCase(pattern: "[a&&b]", matching: ["a", "&", "b"], notMatching: ["c"]),
        RegexCase(pattern: "\\Q.*+\\E", matching: [".*+"], notMatching: ["aaa"]),
        RegexCase(pattern: "a*?b", matching: ["aab", "b"], notMatching: ["a"]),
        RegexCase(pattern: "(?P<code>[45])xx", matching: ["4xx"], notMatching: ["3xx"]),
        RegexCase(pattern: "", matching: [""], notMatching: ["a"]),
    ]

    @Test(arguments: regexCases)
    private func regexMatchesLikeRE2(_ testCase: RegexCase) throws {
        let selector = try SeriesSelector(parsing: "m{l=~`\(testCase.pattern)`}")
        let regex = try #require(selector.matchers.first)
        let negated = try LabelMatcher(name: "l", op: .regexNoMatch, value: testCase.pattern)
        for value in testCase.matching {
            #expect(regex.matches(value), "\(testCase.pattern) should match \(value.debugDescription)")
            #expect(!negated.matches(value))
        }
        for value in testCase.notMatching {
            #expect(!regex.matches(value), "\(testCase.pattern) should not match \(value.debugDescription)")
            #expect(negated.matches(value))
        }
    }

    @Test func labelMatcherIsHashableByNameOperatorAndValue() throws {
        let set: Set<LabelMatcher> = [
            try matcher("code", .regexMatch, "5.."), try matcher("code", .regexMatch, "5.."),
            try matcher("code", .equal, "5.."), try matcher("code", .regexMatch, "4.."),
        ]
        #expect(set.count == 3)
        let parsed = try SeriesSelector(parsing: #"x{code=~'5..'}"#)
        #expect(parsed == SeriesSelector(metricName: "x", matchers: [try matcher("code", .regexMatch, "5..")]))
    }

    // MARK: - Round trip

    @Test func descriptionParsesBackToTheSameSelector() throws {
        var random = SplitMix64(seed: 0x5EED)
        let regexes = ["5..", "2..|3..", "(GET|POST)", ".*foo.*", "[[:alpha:]]+", "a\\.b", "[\"\\\\]", "x\ny"]
        let alphabet: [Character] = [
            "a", "Z", "0", "_", " ", "\"", "\\", "\n", "\t", "'", "`", "{", "}", ",", "é", "😀",
        ]
        var checked = 0
        for _ in 0..<500 {
            let metricName: String? =
                random.next() % 3 == 0 ? nil : ["up", "http_requests_total", ":a:b", "_x9"][Int(random.next() % 4)]
            var matchers: [LabelMatcher] = []
            for _ in 0..<Int(random.next() % 4) {
                let name = ["job", "code", "_l", "a9", "__meta"][Int(random.next() % 5)]
                let op = LabelMatcher.Operator.allCases[Int(random.next() % 4)]
                let value: String
                switch op {
                case .equal, .notEqual:
                    value = String((0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % 16)] })
                case .regexMatch, .regexNoMatch:
                    value = regexes[Int(random.next() % UInt64(regexes.count))]
                }
                matchers.append(try LabelMatcher(name: name, op: op, value: value))
            }
            let selector = SeriesSelector(metricName: metricName, matchers: matchers)
            guard metricName != nil || matchers.contains(where: { !$0.matches("") }) else {
                #expect(throws: SelectorError.emptyMatchers) { try SeriesSelector(parsing: selector.description) }
                continue
            }
            let parsed = try SeriesSelector(parsing: selector.description)
            #expect(parsed == selector, "\(selector.description)")
            checked += 1
        }
        #expect(checked > 300)
    }
}
