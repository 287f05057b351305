/// Writes JSON byte-for-byte as Go's `encoding/json` encoder does: struct fields in declaration order, map keys
/// sorted by bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, other control characters as `\u00XX`
/// (Go 1.19, the toolchain Alertmanager 0.25 was built with, writes `\b` and `\f` that way too), and a final newline
/// from `Encoder.Encode`.
struct GoJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init() { bytes.reserveCapacity(1024) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// A key inside an object; the next value written is its value.
    mutating func key(_ name: String) {
        separator()
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
        pendingValueAfterKey = true
    }

    private var pendingValueAfterKey = false

    private mutating func valuePrefix() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            needsComma[needsComma.count - 1] = true
        } else {
            separator()
        }
    }

    mutating func string(_ value: String) {
        valuePrefix()
        Self.appendString(value, to: &bytes)
    }

    mutating func int(_ value: Int) {
        valuePrefix()
        bytes.append(contentsOf: Array(String(value).utf8))
    }

    mutating func bool(_ value: Bool) {
        valuePrefix()
        bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
    }

    mutating func null() {
        valuePrefix()
        bytes.append(contentsOf: Array("null".utf8))
    }

    mutating func object(_ body: (inout GoJSONWriter) -> Void) {
        valuePrefix()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout GoJSONWriter) -> Void) {
        valuePrefix()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A `map[string]string`: keys sorted by their bytes.
    mutating func stringMap(_ pairs: [(String, String)]) {
        let sorted = pairs.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        object { writer in
            for (name, value) in sorted {
                writer.key(name)
                writer.string(value)
            }
        }
    }

    /// `Encoder.Encode` ends every value with a newline.
    mutating func finishLine() { bytes.append(0x0A) }

    private static let hex = Array("0123456789abcdef".utf8)

    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x3C, 0x3E, 0x26:
                let byte = UInt8(scalar.value)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            case 0x2028, 0x2029:
                bytes.append(contentsOf: Array("\\u202".utf8))
                bytes.append(scalar.value == 0x2028 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
            default:
                bytes.append(contentsOf: scalar.utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
