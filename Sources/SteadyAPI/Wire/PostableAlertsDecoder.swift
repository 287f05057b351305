import Foundation
import SteadyModel

/// Decodes the `POST /api/v2/alerts` body (a JSON array of `postableAlert`) in one pass over the bytes with
/// ``JSONScanner``: no intermediate tree, no bridging. Errors follow go-swagger's wording and precedence, as the
/// generic decoder this replaced reported them (it stays in the tests as the differential oracle): malformed JSON
/// anywhere first, then the first problem of the first bad alert, checking `labels`, `annotations`, `startsAt`,
/// `endsAt` and `generatorURL` in that order. Duplicate keys: the last one wins.
enum PostableAlertsDecoder {
    enum Failure: Error, Equatable {
        /// 422: a required property is missing.
        case unprocessable(String)
        /// 400: malformed JSON or a wrong type.
        case badRequest(String)
    }

    static func decode(_ data: Data) throws(Failure) -> [PostableAlert] {
        let result = data.withUnsafeBytes { bytes in Result { () throws(Failure) in try decode(bytes) } }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> [PostableAlert] {
        var scanner = JSONScanner(bytes)
        var alerts: [PostableAlert] = []
        var problem: Failure?
        do {
            guard scanner.peek() == UInt8(ascii: "[") else {
                try scanner.skipValue(depth: 0)
                try scanner.expectEnd()
                throw Failure.badRequest("parsing alerts body failed: expected a JSON array of alerts")
            }
            try scanner.readArray(depth: 0) { scanner, index throws(JSONScanner.SyntaxError) in
                guard problem == nil else { return try scanner.skipValue(depth: 1) }
                guard scanner.peek() == UInt8(ascii: "{") else {
                    try scanner.skipValue(depth: 1)
                    problem = .badRequest("parsing alerts body failed: \(index): expected an object")
                    return
                }
                var fields = Fields()
                try scanner.readObject(depth: 1) { scanner, key throws(JSONScanner.SyntaxError) in
                    switch key {
                    case "labels": fields.labels = try readMap(&scanner, keepingEmptyValues: false)
                    case "annotations": fields.annotations = try readMap(&scanner, keepingEmptyValues: true)
                    case "startsAt": fields.startsAt = try readString(&scanner)
                    case "endsAt": fields.endsAt = try readString(&scanner)
                    case "generatorURL": fields.generatorURL = try readString(&scanner)
                    default: try scanner.skipValue(depth: 2)
                    }
                }
                switch fields.alert(index: index) {
                case .success(let alert): alerts.append(alert)
                case .failure(let failure): problem = failure
                }
            }
            try scanner.expectEnd()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .badRequest("parsing alerts body failed: the body is not valid JSON")
        }
        if let problem { throw problem }
        return alerts
    }

    /// A field's value as read, judged only once the whole alert is read.
    private enum Value<T> {
        case absent
        case null
        case value(T)
        /// Not the expected JSON type.
        case wrongType
        /// An object with a member that is not a string (its key).
        case wrongMember(String)
    }

    private struct Fields {
        var labels: Value<Labels> = .absent
        var annotations: Value<Labels> = .absent
        var startsAt: Value<String> = .absent
        var endsAt: Value<String> = .absent
        var generatorURL: Value<String> = .absent

        func alert(index: Int) -> Result<PostableAlert, Failure> {
            Result { () throws(Failure) in
                let labels: Labels
                switch self.labels {
                case .absent, .null: throw .unprocessable("\(index).labels in body is required")
                case .value(let map): labels = map
                case .wrongType: throw .badRequest("\(index).labels in body must be of type object")
                case .wrongMember(let key): throw .badRequest("\(index).labels.\(key) in body must be of type string")
                }
                let annotations: Labels
                switch self.annotations {
                case .absent, .null: annotations = Labels()
                case .value(let map): annotations = map
                case .wrongType: throw .badRequest("\(index).annotations in body must be of type object")
                case .wrongMember(let key):
                    throw .badRequest("\(index).annotations.\(key) in body must be of type string")
                }
                return PostableAlert(
                    labelSet: labels, annotationSet: annotations,
                    startsAt: try time(startsAt, field: "\(index).startsAt"),
                    endsAt: try time(endsAt, field: "\(index).endsAt"),
                    generatorURL: try string(generatorURL, field: "\(index).generatorURL") ?? "")
            }
        }

        private func string(_ value: Value<String>, field: String) throws(Failure) -> String? {
            switch value {
            case .absent, .null: return nil
            case .value(let text): return text
            case .wrongType, .wrongMember: throw .badRequest("\(field) in body must be of type string")
            }
        }

        /// Go's zero time (`0001-01-01T00:00:00Z`) and empty strings mean "not set".
        private func time(_ value: Value<String>, field: String) throws(Failure) -> WallInstant? {
            guard let text = try string(value, field: field), !text.isEmpty, !text.hasPrefix("0001-01-01T00:00:00")
            else { return nil }
            guard let instant = Timestamp.parse(text) else {
                throw .badRequest("\(field) in body must be of type date-time: \"\(text)\"")
            }
            return instant
        }
    }

    private static func readString(_ scanner: inout JSONScanner) throws(JSONScanner.SyntaxError) -> Value<String> {
        switch scanner.peek() {
        case UInt8(ascii: "\""): return .value(try scanner.readString())
        case UInt8(ascii: "n"):
            try scanner.consumeNull()
            return .null
        default:
            try scanner.skipValue(depth: 2)
            return .wrongType
        }
    }

    /// A copy without spare capacity: an alert keeps its label sets for as long as it is active (the reserved
    /// eight pairs of a four-label set would be a fifth of its memory).
    private static func exactCapacity(_ pairs: [Label]) -> [Label] {
        guard pairs.capacity > pairs.count else { return pairs }
        return [Label](unsafeUninitializedCapacity: pairs.count) { buffer, count in
            _ = buffer.initialize(fromContentsOf: pairs)
            count = pairs.count
        }
    }

    /// An object of strings as a label set; the first non-string member (in document order) is the one reported.
    private static func readMap(
        _ scanner: inout JSONScanner, keepingEmptyValues: Bool
    ) throws(JSONScanner.SyntaxError)
        -> Value<Labels>
    {
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            // Pairs in document order; `Labels` sorts them and keeps the last of duplicate names. Alertmanager drops
            // empty label values before validating; annotations keep theirs (and their names are validated).
            var pairs: [Label] = []
            pairs.reserveCapacity(8)
            var wrongMember: String?
            try scanner.readObject(depth: 2) { scanner, key throws(JSONScanner.SyntaxError) in
                if scanner.peek() == UInt8(ascii: "\"") {
                    pairs.append(Label(key, try scanner.readString()))
                } else {
                    try scanner.skipValue(depth: 3)
                    if wrongMember == nil { wrongMember = key }
                }
            }
            if let wrongMember { return .wrongMember(wrongMember) }
            let labels = Labels(pairs, keepingEmptyValues: keepingEmptyValues)
            return .value(Labels(presorted: exactCapacity(labels.pairs)))
        case UInt8(ascii: "n"):
            try scanner.consumeNull()
            return .null
        default:
            try scanner.skipValue(depth: 2)
            return .wrongType
        }
    }
}
