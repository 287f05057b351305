import Yams

/// A key of a YAML mapping, its value, and the key path used in messages (`services[0].scrape.interval`).
struct Field {
    let key: String
    let keyNode: Node
    let value: Node
    let path: String
}

/// The checked keys of one YAML mapping: known keys only, merge keys (`<<`) applied, no duplicates.
struct MappingView {
    /// The key path of the mapping itself ("" for the document root).
    let path: String
    let position: SourcePosition
    /// Fields with a non-null value, in source order.
    private(set) var fields: [Field] = []
    /// Fields written with an empty or null value (`key:` or `key: ~`).
    private(set) var nullFields: [String: Field] = [:]
    private var index: [String: Int] = [:]

    init(path: String, position: SourcePosition) {
        self.path = path
        self.position = position
    }

    subscript(key: String) -> Field? {
        guard let position = index[key] else { return nil }
        return fields[position]
    }

    func contains(_ key: String) -> Bool { index[key] != nil || nullFields[key] != nil }

    mutating func add(_ field: Field, isNull: Bool) {
        if isNull {
            nullFields[field.key] = field
        } else {
            index[field.key] = fields.count
            fields.append(field)
        }
    }
}
