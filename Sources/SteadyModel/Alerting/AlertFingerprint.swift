/// Alertmanager's alert fingerprint: FNV-1a 64 over the label names in sorted order, each name and value followed
/// by the separator byte 0xFF (prometheus/common `LabelSet.Fingerprint`). Printed as 16 hex digits.
///
/// ```swift
/// AlertFingerprint(Labels(["alertname": "HighLatency"])).hex   // the id Alertmanager shows for that alert
/// ```
public struct AlertFingerprint: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64

    /// FNV-1a's 64-bit offset basis, prime, and the byte Alertmanager writes after every label name and value.
    public static let offset: UInt64 = 14_695_981_039_346_656_037
    public static let prime: UInt64 = 1_099_511_628_211
    public static let separator: UInt8 = 0xFF

    public init(value: UInt64) { self.value = value }

    public init(_ labels: Labels) {
        var hash = Self.offset
        // `Labels` is sorted by name already (Alertmanager sorts before hashing).
        for label in labels {
            for byte in label.name.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
            hash = (hash ^ UInt64(Self.separator)) &* Self.prime
            for byte in label.value.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
            hash = (hash ^ UInt64(Self.separator)) &* Self.prime
        }
        value = hash
    }

    /// 16 lowercase hex digits, zero-padded (Alertmanager's `%016x`).
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public var description: String { hex }
}

extension AlertFingerprint: Codable {
    /// Encoded as its 16 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = UInt64(text, radix: 16) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a 16-digit hex fingerprint, found \(text)")
        }
        self.init(value: value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
