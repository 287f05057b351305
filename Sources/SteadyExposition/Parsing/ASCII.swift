/// Byte constants and classes of the exposition grammars.
enum ASCII {
    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let equals = UInt8(ascii: "=")
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let underscore = UInt8(ascii: "_")
    static let colon = UInt8(ascii: ":")

    private static let labelNameStartBit: UInt8 = 1
    private static let labelNameCharacterBit: UInt8 = 2
    private static let metricNameStartBit: UInt8 = 4
    private static let metricNameCharacterBit: UInt8 = 8

    /// Character classes of every byte value, looked up without bounds checks (the index is a `UInt8`).
    nonisolated(unsafe) private static let classes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in 0..<256 {
            let character = UInt8(byte)
            let letter = (character | 0x20) &- UInt8(ascii: "a") < 26 || character == underscore
            let digit = character &- UInt8(ascii: "0") < 10
            var bits: UInt8 = 0
            if letter {
                bits |= labelNameStartBit | labelNameCharacterBit | metricNameStartBit | metricNameCharacterBit
            }
            if digit { bits |= labelNameCharacterBit | metricNameCharacterBit }
            if character == colon { bits |= metricNameStartBit | metricNameCharacterBit }
            table[byte] = bits
        }
        return UnsafePointer(table)
    }()

    /// `[a-zA-Z_]`
    @inline(__always)
    static func isLabelNameStart(_ byte: UInt8) -> Bool { classes[Int(byte)] & labelNameStartBit != 0 }

    /// `[a-zA-Z0-9_]`
    @inline(__always)
    static func isLabelNameCharacter(_ byte: UInt8) -> Bool { classes[Int(byte)] & labelNameCharacterBit != 0 }

    /// `[a-zA-Z_:]`
    @inline(__always)
    static func isMetricNameStart(_ byte: UInt8) -> Bool { classes[Int(byte)] & metricNameStartBit != 0 }

    /// `[a-zA-Z0-9_:]`
    @inline(__always)
    static func isMetricNameCharacter(_ byte: UInt8) -> Bool { classes[Int(byte)] & metricNameCharacterBit != 0 }

    /// A mask with the high bit set in exactly the bytes of `word` that are `"`, `\`, `}` or a newline (the bytes
    /// that end a run inside a label set).
    @inline(__always)
    static func labelSetSpecials(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ broadcast(quote)) | zeroBytes(word ^ broadcast(backslash))
            | zeroBytes(word ^ broadcast(closeBrace)) | zeroBytes(word ^ broadcast(newline))
    }

    /// A mask with the high bit set in exactly the bytes of `word` that are `"`, `\` or a newline.
    @inline(__always)
    static func labelValueSpecials(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ broadcast(quote)) | zeroBytes(word ^ broadcast(backslash))
            | zeroBytes(word ^ broadcast(newline))
    }

    @inline(__always)
    private static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// High bit set in exactly the zero bytes of `value`.
    @inline(__always)
    private static func zeroBytes(_ value: UInt64) -> UInt64 {
        let low7 = (value & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low7 | value | 0x7F7F_7F7F_7F7F_7F7F)
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
}
