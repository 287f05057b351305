/// Encoded as `{"name": …, "op": "=~", "value": …}` (with `"dialect": "prometheus"` for a PromQL matcher; stored
/// matchers are Alertmanager's otherwise); decoding validates the regular expression again.
extension LabelMatcher: Codable {
    private enum CodingKeys: String, CodingKey { case name, op, value, dialect }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let symbol = try container.decode(String.self, forKey: .op)
        guard let op = Operator(rawValue: symbol) else {
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: container, debugDescription: "expected one of = != =~ !~, found \(symbol)")
        }
        let value = try container.decode(String.self, forKey: .value)
        let dialect: Dialect =
            try container.decodeIfPresent(String.self, forKey: .dialect) == "prometheus" ? .prometheus : .alertmanager
        do {
            try self.init(name: name, op: op, value: value, dialect: dialect)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(op.rawValue, forKey: .op)
        try container.encode(value, forKey: .value)
        if dialect == .prometheus { try container.encode("prometheus", forKey: .dialect) }
    }
}
