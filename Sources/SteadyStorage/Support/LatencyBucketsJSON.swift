import Foundation
import SteadyModel

/// The `latency_buckets` column: a JSON array in `LatencyBucket`'s Codable shape,
/// `[{"le":"0.1","count":3.0},{"le":"+Inf","count":5.0}]`.
///
/// Written and read by hand because Foundation's Codable JSON was a third of the CPU time of `mergeRollups`; any
/// other valid JSON of the same shape is still read, through `JSONDecoder`.
enum LatencyBucketsJSON {
    /// - Throws: ``StorageError`` (invalid data) for a non-finite count, which JSON cannot hold.
    static func encode(_ buckets: [LatencyBucket]) throws -> String {
        var text = "["
        text.reserveCapacity(2 + buckets.count * 28)
        for (index, bucket) in buckets.enumerated() {
            guard bucket.count.isFinite, !bucket.upperBound.isNaN else {
                throw StorageError.invalidData("latency bucket le=\(bucket.upperBound) count=\(bucket.count)")
            }
            if index > 0 { text += "," }
            text += #"{"le":""#
            text += label(bucket.upperBound)
            text += #"","count":"#
            text += String(bucket.count)
            text += "}"
        }
        text += "]"
        return text
    }

    static func decode(_ text: String) throws -> [LatencyBucket] {
        if let buckets = parseOwnSpelling(text) { return buckets }
        return try JSONDecoder().decode([LatencyBucket].self, from: Data(text.utf8))
    }

    /// The fast path of ``decode(_:)``: reads exactly what ``encode(_:)`` writes, nil for anything else.
    static func parseOwnSpelling(_ text: String) -> [LatencyBucket]? {
        var parser = FastParser(text)
        return parser.parse()
    }

    /// `le` as Prometheus and `LatencyBucket`'s Codable spell it.
    private static func label(_ upperBound: Double) -> String {
        if upperBound == .infinity { return "+Inf" }
        if upperBound == -.infinity { return "-Inf" }
        return String(upperBound)
    }

    /// Reads exactly what ``encode(_:)`` writes; returns nil for anything else.
    private struct FastParser {
        private let bytes: [UInt8]
        private var position = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        mutating func parse() -> [LatencyBucket]? {
            guard consume("[") else { return nil }
            var buckets: [LatencyBucket] = []
            if consume("]") { return position == bytes.count ? buckets : nil }
            while true {
                guard consume(#"{"le":""#), let le = string(), consume(#","count":"#), let count = number(),
                    consume("}")
                else { return nil }
                let upperBound: Double
                switch le {
                case "+Inf": upperBound = .infinity
                case "-Inf": upperBound = -.infinity
                default:
                    guard let value = Double(le), value.isFinite else { return nil }
                    upperBound = value
                }
                buckets.append(LatencyBucket(upperBound: upperBound, count: count))
                if consume(",") { continue }
                guard consume("]"), position == bytes.count else { return nil }
                return buckets
            }
        }

        private mutating func consume(_ literal: StaticString) -> Bool {
            let (matches, count) = literal.withUTF8Buffer { literal in
                (
                    position + literal.count <= bytes.count
                        && literal.indices.allSatisfy { bytes[position + $0] == literal[$0] },
                    literal.count
                )
            }
            if matches { position += count }
            return matches
        }

        /// The characters up to the next `"`; nil if there is an escape (left to `JSONDecoder`).
        private mutating func string() -> String? {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            let value = String(decoding: bytes[start..<position], as: UTF8.self)
            position += 1
            return value
        }

        private mutating func number() -> Double? {
            let start = position
            while position < bytes.count,
                let byte = Optional(bytes[position]),
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E")
            {
                position += 1
            }
            guard position > start else { return nil }
            guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)), value.isFinite
            else { return nil }
            return value
        }
    }
}
