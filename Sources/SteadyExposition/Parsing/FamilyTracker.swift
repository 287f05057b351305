import SteadyModel

/// OpenMetrics family bookkeeping: which family the current lines belong to, so the parser can reject interleaved
/// families, repeated or late metadata, sample names that do not fit the declared type, and buckets or quantiles
/// without their `le` / `quantile` label.
struct FamilyTracker {
    /// Byte range of the current family's name in the body (nil before the first family).
    var nameStart = 0
    var nameEnd = 0
    var hasFamily = false
    var name = ""
    var type: MetricType = .unknown
    /// `MetadataKind.bit`s of the metadata lines seen for the current family.
    var seenKinds: UInt8 = 0
    var hasSamples = false
    /// Families that ended; seeing one of them again means families are interleaved.
    var finished: Set<String> = []

    mutating func start(name: String, nameStart: Int, nameEnd: Int) {
        if hasFamily { finished.insert(self.name) }
        hasFamily = true
        self.name = name
        self.nameStart = nameStart
        self.nameEnd = nameEnd
        type = .unknown
        seenKinds = 0
        hasSamples = false
    }
}

/// The sample name suffixes OpenMetrics types use.
enum SampleSuffix {
    case none, total, created, sum, count, bucket, gsum, gcount, info, other

    func isAllowed(for type: MetricType) -> Bool {
        switch (type, self) {
        case (.counter, .total), (.counter, .created): true
        case (.summary, .none), (.summary, .sum), (.summary, .count), (.summary, .created): true
        case (.histogram, .bucket), (.histogram, .sum), (.histogram, .count), (.histogram, .created): true
        case (.gaugehistogram, .bucket), (.gaugehistogram, .gsum), (.gaugehistogram, .gcount): true
        case (.info, .info): true
        case (.gauge, .none), (.stateset, .none), (.unknown, .none), (.untyped, .none): true
        default: false
        }
    }

    static func names(for type: MetricType) -> [String] {
        switch type {
        case .counter: ["_total", "_created"]
        case .summary: ["", "_sum", "_count", "_created"]
        case .histogram: ["_bucket", "_sum", "_count", "_created"]
        case .gaugehistogram: ["_bucket", "_gsum", "_gcount"]
        case .info: ["_info"]
        case .gauge, .stateset, .unknown, .untyped: [""]
        }
    }
}

extension BodyParser {
    /// A `# TYPE`/`# HELP`/`# UNIT` line for `name`.
    mutating func trackMetadata(
        _ kind: MetadataKind, nameStart: Int, nameEnd: Int, name: String
    ) throws(ExpositionError) {
        let sameFamily =
            families.hasFamily && families.nameEnd - families.nameStart == nameEnd - nameStart
            && bytesEqual(families.nameStart, nameStart, nameEnd - nameStart)
        if !sameFamily {
            if families.finished.contains(name) || metadata[name] != nil {
                throw error(
                    at: nameStart, found: "metadata for \"\(name)\" after other families",
                    expected: "the lines of one family together (families must not be interleaved)")
            }
            families.start(name: name, nameStart: nameStart, nameEnd: nameEnd)
        } else if families.hasSamples {
            throw error(
                at: nameStart, found: "\(kind.rawValue) for \"\(name)\" after its samples",
                expected: "metadata before the samples of the family")
        }
        guard families.seenKinds & kind.bit == 0 else {
            throw error(
                at: nameStart, found: "a second \(kind.rawValue) line for \"\(name)\"",
                expected: "at most one \(kind.rawValue) line per family")
        }
        families.seenKinds |= kind.bit
    }

    /// A sample named `name`: it continues the current family or starts a new (unknown-typed) one.
    mutating func trackSample(nameStart: Int, nameEnd: Int, series: SeriesEntry) throws(ExpositionError) {
        let name = series.name
        if families.hasFamily {
            let suffix = suffixOf(nameStart: nameStart, nameEnd: nameEnd)
            if let suffix, suffix.isAllowed(for: families.type) {
                families.hasSamples = true
                try checkSpecialLabel(suffix: suffix, series: series, nameStart: nameStart)
                return
            }
            if suffix == SampleSuffix.none && families.seenKinds & MetadataKind.type.bit != 0 {
                let allowed = SampleSuffix.names(for: families.type).map { "\(families.name)\($0)" }
                throw error(
                    at: nameStart, found: "\"\(name)\"",
                    expected: "a sample of the \(families.type.rawValue) family \(families.name) ("
                        + allowed.joined(separator: ", ") + ")")
            }
        }
        if families.finished.contains(name) || (families.hasFamily && families.name == name) {
            throw error(
                at: nameStart, found: "a sample of family \"\(name)\" after other families",
                expected: "the samples of one family together (families must not be interleaved)")
        }
        families.start(name: name, nameStart: nameStart, nameEnd: nameEnd)
        families.hasSamples = true
    }

    /// The suffix of the sample name after the current family's name, or nil if it does not start with it.
    private func suffixOf(nameStart: Int, nameEnd: Int) -> SampleSuffix? {
        let familyLength = families.nameEnd - families.nameStart
        let length = nameEnd - nameStart
        guard length >= familyLength, bytesEqual(families.nameStart, nameStart, familyLength) else { return nil }
        let suffixStart = nameStart + familyLength
        switch length - familyLength {
        case 0: return SampleSuffix.none
        case 4 where matchesBytes("_sum", at: suffixStart): return .sum
        case 5 where matchesBytes("_info", at: suffixStart): return .info
        case 5 where matchesBytes("_gsum", at: suffixStart): return .gsum
        case 6 where matchesBytes("_total", at: suffixStart): return .total
        case 6 where matchesBytes("_count", at: suffixStart): return .count
        case 7 where matchesBytes("_bucket", at: suffixStart): return .bucket
        case 7 where matchesBytes("_gcount", at: suffixStart): return .gcount
        case 8 where matchesBytes("_created", at: suffixStart): return .created
        default: return .other
        }
    }

    private func matchesBytes(_ text: StaticString, at start: Int) -> Bool {
        let pointer = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount where base[start + offset] != pointer[offset] { return false }
        return true
    }

    /// Buckets need `le`, summary quantile samples need `quantile`.
    private func checkSpecialLabel(suffix: SampleSuffix, series: SeriesEntry, nameStart: Int) throws(ExpositionError) {
        switch (families.type, suffix) {
        case (.histogram, .bucket), (.gaugehistogram, .bucket):
            if !series.hasBucketLabel {
                throw error(at: nameStart, found: "a bucket without \"le\"", expected: "a bucket with an le label")
            }
        case (.summary, .none):
            if !series.hasQuantileLabel {
                throw error(
                    at: nameStart, found: "a summary sample without \"quantile\"",
                    expected: "a quantile label (or a _sum, _count, _created sample)")
            }
        default: break
        }
    }
}
