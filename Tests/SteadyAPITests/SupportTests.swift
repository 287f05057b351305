import Foundation
import SteadyModel
import Synchronization
import Testing

@testable import SteadyAPI

@Suite("Chart drawing")
struct SVGChartTests {
    @Test("chart maxima land on round numbers")
    func niceCeiling() {
        #expect(SVGChart.niceCeiling(0) == 1)
        #expect(SVGChart.niceCeiling(0.7) == 1)
        #expect(SVGChart.niceCeiling(1) == 1)
        #expect(SVGChart.niceCeiling(1.2) == 2)
        #expect(SVGChart.niceCeiling(2.2) == 2.5)
        #expect(SVGChart.niceCeiling(37) == 50)
        #expect(SVGChart.niceCeiling(0.013) == 0.02)
    }

    static func render(_ values: [Double?]) -> String {
        let start = WallInstant(secondsSinceEpoch: 1_700_000_000)
        let times = values.indices.map { start.advanced(by: .seconds(60 * $0)) }
        return SVGChart(
            title: "t", start: start, end: start.advanced(by: .seconds(60 * values.count)), times: times,
            series: [.init(name: "s", color: "#000", values: values)], formatValue: { Format.number($0) }
        ).render()
    }

    @Test("missing values break the line; a lone value is a dot; nothing at all says so")
    func gaps() {
        let svg = Self.render([1, 2, nil, 3, nil, 4, 5])
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 1)
        #expect(!svg.contains("no data"))
        #expect(Self.render([nil, nil, .nan]).contains("no data"))
    }

    @Test("time ticks are round UTC instants inside the range")
    func ticks() {
        let start = WallInstant(secondsSinceEpoch: 1_700_000_000)  // 22:13:20
        let ticks = SVGChart.timeTicks(start: start, end: start.advanced(by: .seconds(3600)))
        #expect(ticks.map(Format.clock) == ["22:20", "22:30", "22:40", "22:50", "23:00", "23:10"])
        let week = SVGChart.timeTicks(start: start, end: start.advanced(by: .seconds(7 * 86_400)))
        #expect(week.count <= 8 && week.count >= 3)
        #expect(week.allSatisfy { $0.nanosecondsSinceEpoch % 86_400_000_000_000 == 0 })
    }
}

@Suite("Formatting and escaping")
struct FormatTests {
    @Test("HTML escaping covers markup, quotes and control characters")
    func escaping() {
        #expect(
            HTML.escape(#"<a href="x" title='y'>&</a>"#)
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test("numbers keep three significant digits")
    func numbers() {
        #expect(Format.latency(0.0123) == "12.3 ms")
        #expect(Format.latency(0.00005) == "50 µs")
        #expect(Format.latency(2.5) == "2.5 s")
        #expect(Format.percent(0.0123) == "1.23%")
        #expect(Format.rate(12_345) == "12.3k/s")
        #expect(Format.rate(nil) == "–")
    }

    @Test("login redirects only to local paths")
    func safeNext() {
        #expect(RouteHandlers.safeNext("/services/a?range=1h") == "/services/a?range=1h")
        #expect(RouteHandlers.safeNext("//evil.example") == "/")
        #expect(RouteHandlers.safeNext("https://evil.example") == "/")
        #expect(RouteHandlers.safeNext("/\\evil.example") == "/")
        #expect(RouteHandlers.safeNext(nil) == "/")
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("format is RFC 3339 UTC with milliseconds")
    func format() {
        #expect(Timestamp.format(WallInstant(secondsSinceEpoch: 1_700_000_000)) == "2023-11-14T22:13:20.000Z")
        #expect(Timestamp.format(WallInstant(nanosecondsSinceEpoch: 1_500)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(WallInstant(nanosecondsSinceEpoch: -1_000_000)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(WallInstant(secondsSinceEpoch: 951_825_600.25)) == "2000-02-29T12:00:00.250Z")
    }

    @Test(
        "parse accepts RFC 3339 with any offset and Unix seconds",
        arguments: [
            ("2023-11-14T22:13:20Z", 1_700_000_000_000_000_000), ("2023-11-14T22:13:20.5Z", 1_700_000_000_500_000_000),
            ("2023-11-14t22:13:20.123456789z", 1_700_000_000_123_456_789),
            ("2023-11-14T23:13:20+01:00", 1_700_000_000_000_000_000),
            ("2023-11-14T17:43:20-04:30", 1_700_000_000_000_000_000), ("1700000000", 1_700_000_000_000_000_000),
            ("1700000000.25", 1_700_000_000_250_000_000), ("2024-02-29T00:00:00Z", 1_709_164_800_000_000_000),
        ] as [(String, Int64)])
    func parse(text: String, nanos: Int64) {
        #expect(Timestamp.parse(text) == WallInstant(nanosecondsSinceEpoch: nanos))
    }

    @Test(
        "parse rejects malformed times",
        arguments: [
            "", "now", "2023-11-14", "2023-11-14T22:13:20", "2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
            "2023-11-14T24:00:00Z", "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20Zjunk", "1e5",
            "2023-11-14T22:13:20+0100",
        ])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("format and parse round-trip over several centuries")
    func roundTrip() {
        var instant = WallInstant(secondsSinceEpoch: -5_000_000_000)
        while instant.secondsSinceEpoch < 8_000_000_000 {
            let millis = instant.truncated(to: .milliseconds(1))
            #expect(Timestamp.parse(Timestamp.format(millis)) == millis)
            instant = instant.advanced(by: .seconds(86_400 * 37 + 3_671) + .milliseconds(7))
        }
    }
}
