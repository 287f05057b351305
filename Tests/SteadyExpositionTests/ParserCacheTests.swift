import SteadyExposition
import SteadyModel
import Testing

/// The caches of a reused parser are bounded and never change a result.
@Suite("Parser caches")
struct ParserCacheTests {
    /// More distinct names, values and series than the caches hold: they fill up, reset, and results stay exact.
    @Test func moreDistinctSeriesThanTheCachesHold() throws {
        var text = ""
        for index in 0..<70_000 {
            text +=
                "m\(index % 20_000){id=\"value-\(index)-with-a-long-unique-suffix-\(index * 7)\",le=\"\(index % 13)\"} \(index)\n"
        }
        var parser = ExpositionParser()
        for _ in 0..<3 {
            let body = try parser.parse(text, contentType: nil)
            #expect(body.samples.count == 70_000)
            for index in stride(from: 0, to: 70_000, by: 6_997) {
                let sample = body.samples[index]
                #expect(sample.name == "m\(index % 20_000)")
                #expect(sample.labels["id"] == "value-\(index)-with-a-long-unique-suffix-\(index * 7)")
                #expect(sample.labels["le"] == "\(index % 13)")
                #expect(sample.value == Double(index))
            }
        }
    }

    /// A series cached from a valid text body must not let the same bytes through OpenMetrics rules, and back.
    @Test func cachedSeriesDoNotCrossFormats() throws {
        var parser = ExpositionParser()
        let text = "foo { a = \"b\" } 1\n"
        #expect(try parser.parse(text, contentType: nil).samples.count == 1)
        #expect(throws: ExpositionError.self) {
            try parser.parse(text + "# EOF\n", contentType: "application/openmetrics-text")
        }
        let openMetrics = "foo{a=\"b\"} 1\n# EOF\n"
        #expect(try parser.parse(openMetrics, contentType: "application/openmetrics-text").samples.count == 1)
        #expect(try parser.parse(text, contentType: nil).samples.count == 1)
    }

    /// An error in one body leaves the parser usable, with the same results as before.
    @Test func parserIsReusableAfterAnError() throws {
        var parser = ExpositionParser()
        let good = "a{x=\"1\"} 1\nb 2\n"
        let first = try parser.parse(good, contentType: nil)
        #expect(throws: ExpositionError.self) { try parser.parse("a{x=\"1\"} 1\nb{x=} 2\n", contentType: nil) }
        let second = try parser.parse(good, contentType: nil)
        #expect(first.samples == second.samples)
    }
}
