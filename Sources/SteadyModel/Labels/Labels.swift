/// A label set, kept sorted by name with unique names (like Prometheus `labels.Labels`).
///
/// ```swift
/// let labels = Labels(["code": "500", "method": "GET"])
/// labels["code"] // "500"
/// ```
public struct Labels: Hashable, Sendable, Codable, RandomAccessCollection, CustomStringConvertible {
    public private(set) var pairs: [Label]

    public init() { pairs = [] }

    /// Builds a label set; later duplicates of a name win, then empty values are dropped (Prometheus semantics:
    /// a later empty value removes the label).
    public init(_ pairs: [Label]) {
        self.init(pairs, keepingEmptyValues: false)
    }

    /// Builds a label set where later duplicates of a name win; with `keepingEmptyValues`, empty values stay (as
    /// Alertmanager keeps them in annotations).
    public init(_ pairs: [Label], keepingEmptyValues: Bool) {
        // Pairs that are already sorted, unique and non-empty are kept as they are, without a copy.
        var result = pairs
        var sortedAndUnique = true
        for index in result.indices.dropFirst() where !(result[index - 1].name < result[index].name) {
            sortedAndUnique = false
            break
        }
        if !sortedAndUnique {
            // The sort is stable, so of duplicate names the later pair comes last and wins (even an empty value,
            // which then removes the label, as Prometheus's label builder does).
            result.sort { $0.name < $1.name }
            var kept = 0
            for index in result.indices {
                if kept > 0 && result[kept - 1].name == result[index].name {
                    result[kept - 1] = result[index]
                } else {
                    result[kept] = result[index]
                    kept += 1
                }
            }
            result.removeLast(result.count - kept)
        }
        if !keepingEmptyValues && result.contains(where: { $0.value.isEmpty }) {
            result.removeAll { $0.value.isEmpty }
        }
        self.pairs = result
    }

    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label($0.key, $0.value) })
    }

    /// Wraps pairs that the caller guarantees are sorted by name, unique and non-empty.
    public init(presorted pairs: [Label]) { self.pairs = pairs }

    public var startIndex: Int { pairs.startIndex }
    public var endIndex: Int { pairs.endIndex }
    public subscript(position: Int) -> Label { pairs[position] }

    /// The value of `name`, or nil.
    public subscript(name: String) -> String? {
        var low = 0
        var high = pairs.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let candidate = pairs[mid].name
            if candidate == name { return pairs[mid].value }
            if candidate < name { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// A copy with `name` set to `value` (removed if `value` is empty).
    public func setting(_ name: String, to value: String) -> Labels {
        var copy = pairs.filter { $0.name != name }
        if !value.isEmpty { copy.append(Label(name, value)) }
        return Labels(copy)
    }

    /// A copy without the named labels.
    public func removing(_ names: Set<String>) -> Labels {
        Labels(presorted: pairs.filter { !names.contains($0.name) })
    }

    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.value) })
    }

    /// `{a="1", b="2"}` with values escaped as in the exposition format.
    public var description: String {
        "{" + pairs.map { "\($0.name)=\"\(Labels.escape($0.value))\"" }.joined(separator: ", ") + "}"
    }

    /// Escapes `\`, `"` and newline, by Unicode scalar (a quote followed by a combining mark is one `Character`
    /// but must still be escaped).
    public static func escape(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode([String: String].self))
    }
}
