import SteadyModel

/// Parses one body held in memory, line by line, straight from its UTF-8 bytes.
///
/// Every read is bounds-checked against `end`; nothing recurses; numbers use overflow-checked arithmetic.
struct BodyParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    let format: ExpositionFormat
    var position = 0
    var line = 1
    var lineStart = 0
    var tables: InternTables
    var samples: [Sample] = []
    var metadata: [String: MetricMetadata] = [:]
    var scratchLabels: [Label] = []
    var unescaped: [UInt8] = []
    var families = FamilyTracker()

    init(base: UnsafePointer<UInt8>, count: Int, format: ExpositionFormat, tables: InternTables) {
        self.base = base
        self.end = count
        self.format = format
        self.tables = tables
    }

    mutating func parse(expectedSamples: Int) throws(ExpositionError) -> ScrapeBody {
        samples.reserveCapacity(expectedSamples)
        switch format {
        case .prometheusText: try parseText()
        case .openMetrics: try parseOpenMetrics()
        }
        return ScrapeBody(samples: samples, metadata: metadata)
    }

    // MARK: - Prometheus text format 0.0.4

    private mutating func parseText() throws(ExpositionError) {
        while position < end {
            lineStart = position
            skipBlanks()
            guard position < end else { return }
            switch base[position] {
            case ASCII.newline: nextLine()
            case ASCII.hash: try textComment()
            default: try sample()
            }
        }
    }

    /// `# HELP name text`, `# TYPE name type`, or any other comment (ignored).
    private mutating func textComment() throws(ExpositionError) {
        position += 1
        let blanks = skipBlanks()
        let keywordEnds = position + 4 < end && ASCII.isBlank(base[position + 4])
        let isHelp = blanks > 0 && keywordEnds && matchesKeyword("HELP")
        let isType = blanks > 0 && keywordEnds && !isHelp && matchesKeyword("TYPE")
        guard isHelp || isType else {
            skipToEndOfLine()
            return
        }
        position += 4
        skipBlanks()
        let (nameStart, nameEnd) = try metricName(expected: "metric name after \(isHelp ? "HELP" : "TYPE")")
        let name = internName(nameStart, nameEnd)
        if isHelp {
            guard position < end, base[position] != ASCII.newline else {
                metadata[name, default: MetricMetadata(type: .untyped)].help = nil
                try endOfTextLine(expected: "end of line")
                return
            }
            guard ASCII.isBlank(base[position]) else {
                throw error(at: position, expected: "a blank between the metric name and the help text")
            }
            skipBlanks()
            let textStart = position
            skipToLineEnd()
            var textEnd = position
            while textEnd > textStart, ASCII.isBlank(base[textEnd - 1]) { textEnd -= 1 }
            let help = try helpText(textStart, textEnd, escapesQuote: false)
            metadata[name, default: MetricMetadata(type: .untyped)].help = help.isEmpty ? nil : help
            try endOfTextLine(expected: "end of line")
        } else {
            guard position < end, ASCII.isBlank(base[position]) else {
                throw error(at: position, expected: "a blank and a metric type after the metric name")
            }
            skipBlanks()
            let typeStart = position
            while position < end, !ASCII.isBlank(base[position]), base[position] != ASCII.newline { position += 1 }
            let type: MetricType
            switch word(typeStart, position) {
            case "counter": type = .counter
            case "gauge": type = .gauge
            case "histogram": type = .histogram
            case "summary": type = .summary
            case "untyped": type = .untyped
            default:
                throw error(
                    at: typeStart, found: token(typeStart, position),
                    expected: "one of counter, gauge, histogram, summary, untyped")
            }
            metadata[name, default: MetricMetadata(type: .untyped)].type = type
            try endOfTextLine(expected: "end of line after the metric type")
        }
    }

    /// Trailing blanks, then a newline or the end of the body.
    private mutating func endOfTextLine(expected: String) throws(ExpositionError) {
        skipBlanks()
        guard position < end else { return }
        guard base[position] == ASCII.newline else { throw error(at: position, expected: expected) }
        nextLine()
    }

    // MARK: - OpenMetrics 1.0

    private mutating func parseOpenMetrics() throws(ExpositionError) {
        while position < end {
            lineStart = position
            switch base[position] {
            case ASCII.hash:
                if try openMetricsDescriptor() {
                    guard position == end else {
                        throw error(at: position, expected: "end of input after \"# EOF\"")
                    }
                    return
                }
            case ASCII.newline:
                throw error(
                    at: position, found: "an empty line",
                    expected: "a sample, a metadata line or \"# EOF\" (OpenMetrics has no empty lines)")
            default:
                try sample()
            }
        }
        throw error(at: end, expected: "\"# EOF\" (an OpenMetrics body ends with it)")
    }

    /// `# TYPE`, `# HELP`, `# UNIT` or `# EOF`; returns true for `# EOF`.
    private mutating func openMetricsDescriptor() throws(ExpositionError) -> Bool {
        position += 1
        guard position < end, base[position] == ASCII.space else {
            throw error(at: position, expected: "a space after \"#\"")
        }
        position += 1
        if matchesKeyword("EOF"), position + 3 == end || base[position + 3] == ASCII.newline {
            position += 3
            if position < end { nextLine() }
            return true
        }
        let keyword: MetadataKind
        if matchesKeyword("TYPE ") {
            keyword = .type
        } else if matchesKeyword("HELP ") {
            keyword = .help
        } else if matchesKeyword("UNIT ") {
            keyword = .unit
        } else {
            var wordEnd = position
            while wordEnd < end, base[wordEnd] != ASCII.space, base[wordEnd] != ASCII.newline { wordEnd += 1 }
            throw error(
                at: position, found: wordEnd > position ? token(position, wordEnd) : nil,
                expected: "TYPE, HELP, UNIT or EOF (OpenMetrics has no other comments)")
        }
        position += 5
        let (nameStart, nameEnd) = try metricName(expected: "metric name after \(keyword.rawValue)")
        guard position < end, base[position] == ASCII.space else {
            throw error(at: position, expected: "a space after the metric name")
        }
        position += 1
        let valueStart = position
        skipToLineEnd()
        let valueEnd = position
        guard position < end else { throw error(at: position, expected: "newline") }
        let name = internName(nameStart, nameEnd)
        try trackMetadata(keyword, nameStart: nameStart, nameEnd: nameEnd, name: name)
        var entry = metadata[name] ?? MetricMetadata(type: .unknown)
        switch keyword {
        case .type:
            guard let type = MetricType(openMetricsName: word(valueStart, valueEnd)) else {
                throw error(
                    at: valueStart, found: token(valueStart, valueEnd),
                    expected: "one of counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown")
            }
            entry.type = type
            families.type = type
        case .help:
            let help = try helpText(valueStart, valueEnd, escapesQuote: true)
            entry.help = help.isEmpty ? nil : help
        case .unit:
            var index = valueStart
            while index < valueEnd {
                guard ASCII.isMetricNameCharacter(base[index]) else {
                    throw error(at: index, expected: "a unit made of [a-zA-Z0-9_:]")
                }
                index += 1
            }
            let unitLength = valueEnd - valueStart
            if unitLength > 0 {
                let nameLength = nameEnd - nameStart
                guard nameLength > unitLength,
                    base[nameEnd - unitLength - 1] == ASCII.underscore,
                    bytesEqual(nameEnd - unitLength, valueStart, unitLength)
                else {
                    throw error(
                        at: valueStart, found: "unit \(token(valueStart, valueEnd))",
                        expected: "a unit that is a suffix of the metric name after \"_\"")
                }
                entry.unit = word(valueStart, valueEnd)
            } else {
                entry.unit = nil
            }
        }
        metadata[name] = entry
        nextLine()
        return false
    }

    // MARK: - Samples

    /// `name[{labels}] value [timestamp]` (+ an exemplar in OpenMetrics), through the end of the line.
    private mutating func sample() throws(ExpositionError) {
        let openMetrics = format == .openMetrics
        let (nameStart, nameEnd) = try metricName(
            expected: openMetrics ? "metric name or \"# \"" : "metric name or \"#\"")
        let series: SeriesEntry
        var separated = false
        if !openMetrics { separated = skipBlanks() > 0 }
        if position < end, base[position] == ASCII.openBrace {
            series = try self.series(nameStart: nameStart, nameEnd: nameEnd)
            separated = true
            if !openMetrics { skipBlanks() }
        } else {
            series = SeriesEntry(name: internName(nameStart, nameEnd), labels: Labels())
        }
        let labels = series.labels

        if openMetrics {
            guard position < end, base[position] == ASCII.space else {
                throw error(at: position, expected: labels.isEmpty ? "\"{\" or a space" : "a space before the value")
            }
            position += 1
        } else if !separated {
            throw error(at: position, expected: "\"{\" or a blank before the value")
        }
        let valueStart = position
        skipToken()
        guard position > valueStart else { throw error(at: position, expected: "a sample value") }
        guard let value = NumberParsing.parseValue(base, valueStart, position) else {
            throw error(
                at: valueStart, found: token(valueStart, position),
                expected: "a number (like 1, -2.5e-3, +Inf or NaN)")
        }

        var timestamp: Int64?
        if openMetrics {
            try trackSample(nameStart: nameStart, nameEnd: nameEnd, series: series)
            timestamp = try openMetricsSampleSuffix()
        } else {
            skipBlanks()
            if position < end, base[position] != ASCII.newline {
                let timestampStart = position
                skipToken()
                guard let milliseconds = NumberParsing.parseMilliseconds(base, timestampStart, position) else {
                    throw error(
                        at: timestampStart, found: token(timestampStart, position),
                        expected: "a timestamp in integer milliseconds or the end of the line")
                }
                timestamp = milliseconds
                try endOfTextLine(expected: "end of line after the timestamp")
            } else if position < end {
                nextLine()
            }
        }
        samples.append(Sample(name: series.name, labels: labels, value: value, timestampMilliseconds: timestamp))
    }

    /// ` timestamp`, ` # {exemplar} value [timestamp]`, then the newline.
    private mutating func openMetricsSampleSuffix() throws(ExpositionError) -> Int64? {
        var timestamp: Int64?
        if position < end, base[position] == ASCII.space {
            position += 1
            if position < end, base[position] != ASCII.hash {
                let timestampStart = position
                skipToken()
                guard let milliseconds = NumberParsing.parseSecondsAsMilliseconds(base, timestampStart, position)
                else {
                    throw error(
                        at: timestampStart, found: token(timestampStart, position),
                        expected: "a timestamp in seconds (like 1520879607.789), \"# \" or newline")
                }
                timestamp = milliseconds
                if position < end, base[position] == ASCII.space {
                    position += 1
                    guard position < end, base[position] == ASCII.hash else {
                        throw error(at: position, expected: "\"# \" starting an exemplar")
                    }
                }
            }
            if position < end, base[position] == ASCII.hash { try exemplar() }
        }
        guard position < end, base[position] == ASCII.newline else {
            throw error(at: position, expected: "newline")
        }
        nextLine()
        return timestamp
    }

    /// `# {labels} value [timestamp]`: validated, then dropped.
    private mutating func exemplar() throws(ExpositionError) {
        position += 1
        guard position + 1 < end, base[position] == ASCII.space, base[position + 1] == ASCII.openBrace else {
            throw error(at: position, expected: "\" {\" starting the exemplar labels")
        }
        position += 1
        _ = try labelSet()
        guard position < end, base[position] == ASCII.space else {
            throw error(at: position, expected: "a space before the exemplar value")
        }
        position += 1
        let valueStart = position
        skipToken()
        guard NumberParsing.parseValue(base, valueStart, position) != nil else {
            throw error(at: valueStart, found: token(valueStart, position), expected: "an exemplar value")
        }
        if position < end, base[position] == ASCII.space {
            position += 1
            let timestampStart = position
            skipToken()
            guard NumberParsing.parseSecondsAsMilliseconds(base, timestampStart, position) != nil else {
                throw error(
                    at: timestampStart, found: token(timestampStart, position),
                    expected: "an exemplar timestamp in seconds")
            }
        }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` at the current position.
    private mutating func metricName(expected: @autoclosure () -> String) throws(ExpositionError) -> (Int, Int) {
        let start = position
        guard position < end, ASCII.isMetricNameStart(base[position]) else {
            throw error(at: position, expected: expected())
        }
        position += 1
        while position < end, ASCII.isMetricNameCharacter(base[position]) { position += 1 }
        return (start, position)
    }
}

/// The three OpenMetrics metadata lines.
enum MetadataKind: String {
    case type = "TYPE"
    case help = "HELP"
    case unit = "UNIT"

    var bit: UInt8 {
        switch self {
        case .type: 1
        case .help: 2
        case .unit: 4
        }
    }
}

extension MetricType {
    init?(openMetricsName name: String) {
        switch name {
        case "counter": self = .counter
        case "gauge": self = .gauge
        case "histogram": self = .histogram
        case "gaugehistogram": self = .gaugehistogram
        case "summary": self = .summary
        case "info": self = .info
        case "stateset": self = .stateset
        case "unknown": self = .unknown
        default: return nil
        }
    }
}
