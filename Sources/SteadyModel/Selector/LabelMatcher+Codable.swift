/// Encoded as `{"name": …, "op": "=~", "value": …}`; decoding validates the regular expression again.
extension LabelMatcher: Codable {
    private enum CodingKeys: String, CodingKey { case name, op, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let symbol = try container.decode(String.self, forKey: .op)
        guard let op = Operator(rawValue: symbol) else {
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: container, debugDescription: "expected one of = != =~ !~, found \(symbol)")
        }
        let value = try container.decode(String.self, forKey: .value)
        do {
            try self.init(name: name, op: op, value: value)
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
    }
}
