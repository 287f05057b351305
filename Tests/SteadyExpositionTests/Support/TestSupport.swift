import Foundation
import SteadyExposition
import SteadyModel
import Testing

/// The bytes of a fixture under `Fixtures/`.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return Array(try Data(contentsOf: url))
}

/// The lines of a fixture that are samples (not empty, not comments), counted independently of the parser.
func sampleLineCount(_ bytes: [UInt8]) -> Int {
    String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { line in
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }.count
}

extension ScrapeBody {
    /// The samples named `name` whose labels are exactly `labels`.
    func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        let wanted = Labels(labels)
        return samples.filter { $0.name == name && $0.labels == wanted }
    }

    /// The value of the only sample named `name` with exactly `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) throws -> Double {
        let matching = samples(name, labels)
        try #require(matching.count == 1, "\(matching.count) samples \(name)\(labels)")
        return matching[0].value
    }
}

/// Parses text with a content type.
func parse(_ text: String, openMetrics: Bool = false) throws(ExpositionError) -> ScrapeBody {
    try ExpositionParser.parse(text, contentType: openMetrics ? "application/openmetrics-text; version=1.0.0" : nil)
}
