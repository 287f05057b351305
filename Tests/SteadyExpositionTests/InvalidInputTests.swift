import SteadyExposition
import SteadyModel
import Testing

@Suite("Invalid input")
struct InvalidInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let input: [UInt8]
        let openMetrics: Bool
        let line: Int
        let column: Int
        let found: String
        let expected: String

        init(_ input: String, om: Bool = false, _ line: Int, _ column: Int, found: String, expected: String) {
            self.init(bytes: Array(input.utf8), om: om, line, column, found: found, expected: expected)
        }

        init(bytes: [UInt8], om: Bool = false, _ line: Int, _ column: Int, found: String, expected: String) {
            input = bytes
            openMetrics = om
            self.line = line
            self.column = column
            self.found = found
            self.expected = expected
        }

        var description: String { String(decoding: input, as: UTF8.self).debugDescription }
    }

    static let textCases: [Case] = [
        Case("up{job=1} 1\n", 1, 8, found: #""1""#, expected: #"'"' (start of the label value)"#),
        Case(
            "# TYPE foo bar\n", 1, 12, found: #""bar""#, expected: "one of counter, gauge, histogram, summary, untyped"),
        Case(
            "# TYPE foo info\n", 1, 12, found: #""info""#,
            expected: "one of counter, gauge, histogram, summary, untyped"),
        Case("# TYPE foo counter extra\n", 1, 20, found: #""e""#, expected: "end of line after the metric type"),
        Case("# TYPE foo\n", 1, 11, found: "newline", expected: "a blank and a metric type after the metric name"),
        Case("# HELP 1foo x\n", 1, 8, found: #""1""#, expected: "metric name after HELP"),
        Case(
            "# HELP foo-bar x\n", 1, 11, found: #""-""#, expected: "a blank between the metric name and the help text"),
        Case("foo 1\nbar\n", 2, 4, found: "newline", expected: #""{" or a blank before the value"#),
        Case("foo-bar 1\n", 1, 4, found: #""-""#, expected: #""{" or a blank before the value"#),
        Case("foo\t\n", 1, 5, found: "newline", expected: "a sample value"),
        Case("foo abc\n", 1, 5, found: #""abc""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo 1e400\n", 1, 5, found: #""1e400""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo 0x10\n", 1, 5, found: #""0x10""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo 0x1p3\n", 1, 5, found: #""0x1p3""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo 1_000\n", 1, 5, found: #""1_000""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo +nan\n", 1, 5, found: #""+nan""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo infin\n", 1, 5, found: #""infin""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo 1.2.3\n", 1, 5, found: #""1.2.3""#, expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case(
            "foo 1 1.5\n", 1, 7, found: #""1.5""#,
            expected: "a timestamp in integer milliseconds or the end of the line"),
        Case(
            "foo 1 99999999999999999999\n", 1, 7, found: #""99999999999999999999""#,
            expected: "a timestamp in integer milliseconds or the end of the line"),
        Case("foo 1 2 3\n", 1, 9, found: #""3""#, expected: "end of line after the timestamp"),
        Case(
            "foo{a=\"x\"} 1 # {trace_id=\"a\"} 1\n", 1, 14, found: "\"#\"",
            expected: "a timestamp in integer milliseconds or the end of the line"),
        Case(
            "foo{a=\"x\",a=\"y\"} 1\n", 1, 11, found: #"a second label "a""#,
            expected: "unique label names in a label set"),
        Case(
            "foo{b=\"x\",a=\"\",b=\"y\"} 1\n", 1, 16, found: #"a second label "b""#,
            expected: "unique label names in a label set"),
        Case("foo{a=\"x\" b=\"y\"} 1\n", 1, 11, found: #""b""#, expected: #""," or "}""#),
        Case("foo{a=\"x\"\n", 1, 10, found: "newline", expected: #""," or "}""#),
        Case("foo{a=\"x\"", 1, 10, found: "end of input", expected: #""," or "}""#),
        Case(
            "foo{a=\"unterminated} 1\n", 1, 23, found: "newline",
            expected: #"'"' (end of the label value; write a newline as \n)"#),
        Case("\nfoo{a=\"\\", 2, 9, found: "end of input", expected: #"an escaped character after "\""#),
        Case(
            "foo{__name__=\"x\"} 1\n", 1, 5, found: #"label "__name__""#, expected: "a label name other than __name__"),
        Case("1foo 2\n", 1, 1, found: #""1""#, expected: "metric name or \"#\""),
        Case("  {a=\"b\"} 2\n", 1, 3, found: #""{""#, expected: "metric name or \"#\""),
        Case("foo{1a=\"x\"} 1\n", 1, 5, found: #""1""#, expected: #"label name or "}""#),
        Case("foo{,} 1\n", 1, 5, found: #"",""#, expected: #"label name or "}""#),
        Case("foo{a\"x\"} 1\n", 1, 6, found: #"'"'"#, expected: #""=" after the label name"#),
        Case("foo{a.b=\"x\"} 1\n", 1, 6, found: #"".""#, expected: #""=" after the label name"#),
        Case("foo{a=\"é\",b=x} 1\n", 1, 13, found: #""x""#, expected: #"'"' (start of the label value)"#),
        Case(
            bytes: Array("foo{a=\"".utf8) + [0xFF] + Array("\"} 1\n".utf8), 1, 8, found: "invalid UTF-8",
            expected: "a UTF-8 label value"),
        Case(
            bytes: Array("# HELP foo bad ".utf8) + [0xC3, 0x28] + [0x0A], 1, 12, found: "invalid UTF-8",
            expected: "UTF-8 help text"),
        Case("ok 1\nfoo 1\r\n", 2, 5, found: "\"1\r\"", expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
    ]

    static let openMetricsCases: [Case] = [
        Case("", om: true, 1, 1, found: "end of input", expected: "\"# EOF\" (an OpenMetrics body ends with it)"),
        Case(
            "foo 1\n", om: true, 2, 1, found: "end of input", expected: "\"# EOF\" (an OpenMetrics body ends with it)"),
        Case("foo 1", om: true, 1, 6, found: "end of input", expected: "newline"),
        Case("foo 1\n# EOF\nbar 1\n", om: true, 3, 1, found: #""b""#, expected: "end of input after \"# EOF\""),
        Case("# EOF\n\n", om: true, 2, 1, found: "newline", expected: "end of input after \"# EOF\""),
        Case("foo  1\n# EOF\n", om: true, 1, 5, found: "space", expected: "a sample value"),
        Case(
            "foo 1 \n# EOF\n", om: true, 1, 7, found: "newline",
            expected: "a timestamp in seconds (like 1520879607.789), \"# \" or newline"),
        Case(" foo 1\n# EOF\n", om: true, 1, 1, found: "space", expected: "metric name or \"# \""),
        Case(
            "foo 1\n\n# EOF\n", om: true, 2, 1, found: "an empty line",
            expected: "a sample, a metadata line or \"# EOF\" (OpenMetrics has no empty lines)"),
        Case(
            "# random comment\n# EOF\n", om: true, 1, 3, found: #""random""#,
            expected: "TYPE, HELP, UNIT or EOF (OpenMetrics has no other comments)"),
        Case("#TYPE foo counter\n# EOF\n", om: true, 1, 2, found: #""T""#, expected: "a space after \"#\""),
        Case("# HELP foo\n# EOF\n", om: true, 1, 11, found: "newline", expected: "a space after the metric name"),
        Case(
            "# TYPE foo untyped\n# EOF\n", om: true, 1, 12, found: #""untyped""#,
            expected: "one of counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown"),
        Case(
            "# TYPE foo counter\nfoo 1\n# EOF\n", om: true, 2, 1, found: #""foo""#,
            expected: "a sample of the counter family foo (foo_total, foo_created)"),
        Case(
            "# TYPE foo counter\n# TYPE foo counter\n# EOF\n", om: true, 2, 8, found: #"a second TYPE line for "foo""#,
            expected: "at most one TYPE line per family"),
        Case(
            "# TYPE foo gauge\nfoo 1\n# HELP foo late\n# EOF\n", om: true, 3, 8,
            found: #"HELP for "foo" after its samples"#, expected: "metadata before the samples of the family"),
        Case(
            "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n", om: true, 5, 1,
            found: #"a sample of family "a" after other families"#,
            expected: "the samples of one family together (families must not be interleaved)"),
        Case(
            "a 1\nb 1\n# HELP a again\n# EOF\n", om: true, 3, 8, found: #"metadata for "a" after other families"#,
            expected: "the lines of one family together (families must not be interleaved)"),
        Case(
            "# TYPE foo_seconds counter\n# UNIT foo_seconds milliseconds\n# EOF\n", om: true, 2, 20,
            found: #"unit "milliseconds""#, expected: #"a unit that is a suffix of the metric name after "_""#),
        Case(
            "# UNIT seconds seconds\n# EOF\n", om: true, 1, 16, found: #"unit "seconds""#,
            expected: #"a unit that is a suffix of the metric name after "_""#),
        Case(
            "# TYPE foo histogram\nfoo_bucket 1\n# EOF\n", om: true, 2, 1, found: #"a bucket without "le""#,
            expected: "a bucket with an le label"),
        Case(
            "# TYPE foo summary\nfoo 1\n# EOF\n", om: true, 2, 1, found: #"a summary sample without "quantile""#,
            expected: "a quantile label (or a _sum, _count, _created sample)"),
        Case(
            "foo 1 # {a=\"b\"}\n# EOF\n", om: true, 1, 16, found: "newline",
            expected: "a space before the exemplar value"),
        Case("foo 1 # a\n# EOF\n", om: true, 1, 8, found: "space", expected: #"" {" starting the exemplar labels"#),
        Case("foo 1 1 2\n# EOF\n", om: true, 1, 9, found: #""2""#, expected: "\"# \" starting an exemplar"),
        Case(
            "foo{a=\"b\"} 1 1.5.5\n# EOF\n", om: true, 1, 14, found: #""1.5.5""#,
            expected: "a timestamp in seconds (like 1520879607.789), \"# \" or newline"),
        Case(
            "foo 1 NaN\n# EOF\n", om: true, 1, 7, found: #""NaN""#,
            expected: "a timestamp in seconds (like 1520879607.789), \"# \" or newline"),
        Case("foo{a=\"b\", c=\"d\"} 1\n# EOF\n", om: true, 1, 11, found: "space", expected: #"label name or "}""#),
        Case(
            "foo {a=\"b\"} 1\n# EOF\n", om: true, 1, 5, found: #""{a="b"}""#,
            expected: "a number (like 1, -2.5e-3, +Inf or NaN)"),
        Case("foo{a=\"b\"}1\n# EOF\n", om: true, 1, 11, found: #""1""#, expected: "a space before the value"),
        Case("foo\t1\n# EOF\n", om: true, 1, 4, found: "tab", expected: #""{" or a space"#),
    ]

    @Test(arguments: textCases + openMetricsCases)
    func reportsLineAndColumn(_ testCase: Case) {
        let contentType = testCase.openMetrics ? "application/openmetrics-text" : "text/plain; version=0.0.4"
        let expected = ExpositionError.syntax(
            line: testCase.line, column: testCase.column, found: testCase.found, expected: testCase.expected)
        #expect(throws: expected) { try ExpositionParser.parse(testCase.input, contentType: contentType) }
    }

    @Test func errorDescriptionNamesThePlace() throws {
        let error = try #require(throws: ExpositionError.self) { try parse("ok 1\nup{job=1} 1\n") }
        #expect(error.description == #"line 2, column 8: found "1", expected '"' (start of the label value)"#)
    }
}
