import SteadyExposition
import SteadyModel
import Testing

@Suite("Format selection")
struct ExpositionFormatTests {
    @Test(arguments: [
        ("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.openMetrics),
        ("application/openmetrics-text", .openMetrics), ("Application/OpenMetrics-Text;version=0.0.1", .openMetrics),
        ("  application/openmetrics-text  ; charset=utf-8", .openMetrics),
        ("text/plain; version=0.0.4; charset=utf-8", .prometheusText), ("text/plain", .prometheusText),
        ("application/openmetrics-textx", .prometheusText), ("application/json", .prometheusText),
        ("", .prometheusText),
    ])
    func contentType(_ header: String, _ format: ExpositionFormat) {
        #expect(ExpositionFormat(contentType: header) == format)
    }

    @Test func missingContentTypeIsPrometheusText() throws {
        #expect(ExpositionFormat(contentType: nil) == .prometheusText)
        // The same bytes are valid text format and invalid OpenMetrics (no `# EOF`).
        #expect(try parse("up 1\n").samples.count == 1)
        #expect(throws: ExpositionError.self) { try parse("up 1\n", openMetrics: true) }
    }

    @Test func emptyTextBodyHasNoSamples() throws {
        let body = try ExpositionParser.parse([UInt8](), contentType: nil)
        #expect(body.samples.isEmpty)
        #expect(body.metadata.isEmpty)
        #expect(try parse("\n\n  \n# just a comment").samples.isEmpty)
    }

    @Test func nonContiguousCollectionsParse() throws {
        let bytes = Array("up{job=\"a\"} 1\n".utf8)
        let body = try ExpositionParser.parse(bytes.lazy.map { $0 }.reversed().reversed(), contentType: nil)
        #expect(body.samples == [Sample(name: "up", labels: Labels(["job": "a"]), value: 1)])
        var parser = ExpositionParser()
        let raw = try bytes.withUnsafeBytes { buffer throws(ExpositionError) in
            try parser.parse(buffer, format: .prometheusText)
        }
        #expect(raw.samples == body.samples)
    }
}
