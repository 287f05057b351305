import SteadyExposition
import SteadyModel
import Testing

/// Random sample sets rendered to text (with escaping and optional whitespace noise) parse back to the same samples.
@Suite("Round trip")
struct RoundTripPropertyTests {
    private static let valueAlphabet: [String] = [
        "a", "Z", "0", "_", " ", "\t", "\"", "\\", "\n", "{", "}", ",", "=", "#", "é", "世", "🚀", "\\n", "\u{0}",
    ]

    private static func randomName(_ random: inout SplitMix64, first: String, rest: String) -> String {
        let firstCharacters = Array(first)
        let restCharacters = Array(rest)
        var name = String(firstCharacters[Int(random.next() % UInt64(firstCharacters.count))])
        for _ in 0..<Int(random.next() % 12) {
            name.append(restCharacters[Int(random.next() % UInt64(restCharacters.count))])
        }
        return name
    }

    private static func randomValue(_ random: inout SplitMix64) -> Double {
        switch random.next() % 9 {
        case 0: return Double(Int64(bitPattern: random.next()) % 1_000_000)
        case 1: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.next() % 2 == 0 ? 1 : -1)
        case 2: return .nan
        case 3: return random.next() % 2 == 0 ? .infinity : -.infinity
        case 4: return Double(random.next() % 100_000) / 1000
        case 5: return Double(random.next() % 1000) * 1e-9
        case 6: return 0
        case 7: return Double(random.next() >> 11) * 0x1p-53
        default: return Double(random.next() % 1_000_000_000_000) * 1e10
        }
    }

    private static func randomSamples(_ random: inout SplitMix64, openMetrics: Bool) -> [Sample] {
        var samples: [Sample] = []
        for _ in 0..<Int(1 + random.next() % 30) {
            let name = randomName(&random, first: "abcXYZ_:", rest: "abcXYZ_:0189")
            var labels: [Label] = []
            var used: Set<String> = []
            for _ in 0..<Int(random.next() % 5) {
                let labelName = randomName(&random, first: "abcXYZ_", rest: "abcXYZ_0189")
                guard labelName != "__name__", used.insert(labelName).inserted else { continue }
                var value = ""
                for _ in 0..<Int(random.next() % 8) {
                    value += valueAlphabet[Int(random.next() % UInt64(valueAlphabet.count))]
                }
                labels.append(Label(labelName, value))
            }
            var timestamp: Int64?
            if random.next() % 3 == 0 {
                timestamp =
                    openMetrics
                    ? Int64(random.next() % 4_000_000_000_000) : Int64(bitPattern: random.next()) / 1_000_000
            }
            samples.append(
                Sample(
                    name: name, labels: Labels(labels), value: randomValue(&random), timestampMilliseconds: timestamp))
        }
        return samples
    }

    private static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func blanks(_ random: inout SplitMix64, atLeastOne: Bool) -> String {
        let count = Int(random.next() % 3) + (atLeastOne ? 1 : 0)
        return String((0..<count).map { _ in random.next() % 2 == 0 ? " " : "\t" })
    }

    /// Prometheus text format with random blanks, comments, empty lines, label order and trailing commas.
    private static func renderText(_ samples: [Sample], _ random: inout SplitMix64) -> String {
        var text = ""
        for sample in samples {
            if random.next() % 5 == 0 { text += "\n" }
            if random.next() % 5 == 0 { text += "# a comment with \"quotes\" {x=\"y\"} 1 2 3\n" }
            text += blanks(&random, atLeastOne: false) + sample.name
            let pairs = sample.labels.pairs.shuffled(using: &random)
            if !pairs.isEmpty || random.next() % 4 == 0 {
                text += blanks(&random, atLeastOne: false) + "{"
                let rendered = pairs.map { pair in
                    pair.name + blanks(&random, atLeastOne: false) + "=" + blanks(&random, atLeastOne: false) + "\""
                        + escape(pair.value) + "\""
                }
                text += rendered.joined(separator: blanks(&random, atLeastOne: false) + ",")
                if !pairs.isEmpty && random.next() % 3 == 0 { text += "," }
                text += blanks(&random, atLeastOne: false) + "}"
            }
            text += blanks(&random, atLeastOne: true) + "\(sample.value)"
            if let timestamp = sample.timestampMilliseconds {
                text += blanks(&random, atLeastOne: true) + "\(timestamp)"
            }
            text += blanks(&random, atLeastOne: false) + "\n"
        }
        return text
    }

    /// OpenMetrics: families grouped by name (each an unknown-typed family), seconds timestamps, `# EOF`.
    private static func renderOpenMetrics(_ samples: [Sample], _ random: inout SplitMix64) -> String {
        var text = ""
        for sample in samples {
            text += sample.name
            let pairs = sample.labels.pairs.shuffled(using: &random)
            if !pairs.isEmpty || random.next() % 4 == 0 {
                text += "{" + pairs.map { "\($0.name)=\"\(escape($0.value))\"" }.joined(separator: ",") + "}"
            }
            text += " \(sample.value)"
            if let timestamp = sample.timestampMilliseconds {
                let fraction = String(timestamp % 1000)
                text += " \(timestamp / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
            }
            if random.next() % 4 == 0 { text += " # {trace_id=\"\(random.next() % 1000)\"} 0.5" }
            text += "\n"
        }
        return text + "# EOF\n"
    }

    @Test func textFormat() throws {
        var random = SplitMix64(seed: 0xE1A5)
        var parser = ExpositionParser()
        for round in 0..<300 {
            let samples = Self.randomSamples(&random, openMetrics: false)
            let text = Self.renderText(samples, &random)
            let body = try parser.parse(text, contentType: "text/plain; version=0.0.4")
            #expect(body.samples == samples, "round \(round):\n\(text)")
        }
    }

    @Test func openMetrics() throws {
        var random = SplitMix64(seed: 0x0BE7)
        var parser = ExpositionParser()
        for round in 0..<300 {
            // Families must not be interleaved: keep samples of one name together.
            var samples = Self.randomSamples(&random, openMetrics: true)
            var order: [String: Int] = [:]
            for sample in samples where order[sample.name] == nil { order[sample.name] = order.count }
            samples = samples.enumerated().sorted {
                (order[$0.element.name]!, $0.offset) < (order[$1.element.name]!, $1.offset)
            }.map(\.element)
            let text = Self.renderOpenMetrics(samples, &random)
            let body = try parser.parse(text, contentType: "application/openmetrics-text; version=1.0.0")
            #expect(body.samples == samples, "round \(round):\n\(text)")
        }
    }

    /// The same parser reused over alternating bodies and formats gives what a fresh parser gives.
    @Test func reusedParserMatchesFreshParser() throws {
        var random = SplitMix64(seed: 0xCAFE)
        var reused = ExpositionParser()
        let bodies = (0..<6).map { _ in Self.renderText(Self.randomSamples(&random, openMetrics: false), &random) }
        for round in 0..<24 {
            let text = bodies[round % bodies.count]
            let openMetrics = round % 3 == 0
            // Text bodies have no `# EOF`, so as OpenMetrics they fail: cached label sets must not change that.
            let input = openMetrics && round % 2 == 0 ? text + "# EOF\n" : text
            let contentType = openMetrics ? "application/openmetrics-text" : nil
            let fresh = Result { () throws(ExpositionError) in
                try ExpositionParser.parse(input, contentType: contentType)
            }
            let again = Result { () throws(ExpositionError) in try reused.parse(input, contentType: contentType) }
            switch (fresh, again) {
            case (.success(let first), .success(let second)):
                #expect(first.samples == second.samples)
                #expect(first.metadata == second.metadata)
            case (.failure(let first), .failure(let second)):
                #expect(first == second)
            default:
                Issue.record("fresh \(fresh) vs reused \(again)")
            }
        }
    }
}
