import SteadyExposition
import SteadyModel
import Testing

/// Sample values are converted exactly like the C library (correctly rounded), on the fast and the slow path.
@Suite("Numbers")
struct NumberParsingTests {
    private static func value(_ token: String) -> Double? {
        (try? ExpositionParser.parse("x \(token)\n", contentType: nil))?.samples.first?.value
    }

    @Test func randomDecimalsMatchCorrectRounding() {
        var random = SplitMix64(seed: 0xD0_0B1E)
        for _ in 0..<20_000 {
            var token = random.next() % 4 == 0 ? "-" : (random.next() % 8 == 0 ? "+" : "")
            let integerDigits = Int(random.next() % 22)
            let fractionDigits = Int(random.next() % 22)
            for _ in 0..<integerDigits { token += String(random.next() % 10) }
            if fractionDigits > 0 || integerDigits == 0 || random.next() % 3 == 0 {
                token += "."
                for _ in 0..<max(fractionDigits, integerDigits == 0 ? 1 : 0) { token += String(random.next() % 10) }
            }
            if random.next() % 2 == 0 {
                token += random.next() % 2 == 0 ? "e" : "E"
                token += ["", "+", "-"][Int(random.next() % 3)]
                token += String(random.next() % 340)
            }
            let expected = Double(token)
            let parsed = Self.value(token)
            if let expected, expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(token)")
            } else {
                #expect(parsed == nil, "\(token) overflows")
            }
        }
    }

    @Test func shortestRepresentationsRoundTrip() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let double = Double(bitPattern: random.next())
            guard double.isFinite else { continue }
            #expect(Self.value("\(double)")?.bitPattern == double.bitPattern, "\(double)")
        }
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("+1", 1.0), ("1.", 1.0), (".5", 0.5), ("1e3", 1000.0), ("1E-3", 0.001),
        ("0042", 42.0), ("1.7976931348623157e308", .greatestFiniteMagnitude), ("4.9e-324", 4.9e-324), ("1e-400", 0.0),
        ("Inf", .infinity), ("+inf", .infinity), ("-Infinity", -.infinity), ("INF", .infinity),
        ("9007199254740993", 9_007_199_254_740_992.0), ("0.1", 0.1),
        ("123456789012345678901234567890", 1.2345678901234568e+29),
    ])
    func knownValues(_ token: String, _ expected: Double) {
        #expect(Self.value(token)?.bitPattern == expected.bitPattern, "\(token)")
    }

    @Test(arguments: ["NaN", "nan", "nAn"])
    func notANumber(_ token: String) throws {
        #expect(try #require(Self.value(token)).isNaN)
    }

    @Test(arguments: [
        "", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "0x1p4", "1_0", "+nan", "-NaN", "infinit", "in", "1,5",
        "--1", "1e400", "-1e400",
    ])
    func rejected(_ token: String) {
        #expect(Self.value(token) == nil, "\(token)")
    }

    @Test(arguments: [
        ("1520879607.789", Int64(1_520_879_607_789)), ("1520879607", 1_520_879_607_000), ("0.0019", 1), ("-1.5", -1500),
        ("1.5e3", 1_500_000), ("1520879607.7899999", 1_520_879_607_789), (".001", 1), ("123.", 123_000),
    ])
    func openMetricsTimestamps(_ token: String, _ milliseconds: Int64) throws {
        let body = try parse("x 1 \(token)\n# EOF\n", openMetrics: true)
        #expect(body.samples.first?.timestampMilliseconds == milliseconds)
    }

    @Test(arguments: [("-9223372036854775808", Int64.min), ("9223372036854775807", Int64.max), ("+5", 5), ("-0", 0)])
    func textTimestamps(_ token: String, _ milliseconds: Int64) throws {
        #expect(try parse("x 1 \(token)\n").samples.first?.timestampMilliseconds == milliseconds)
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "1e3", "1.5", "+", "-", "12a", "NaN"])
    func rejectedTextTimestamps(_ token: String) {
        #expect(throws: ExpositionError.self) { try parse("x 1 \(token)\n") }
    }
}
