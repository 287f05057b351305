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

    /// `[a-zA-Z_]`
    @inline(__always)
    static func isLabelNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == underscore
    }

    /// `[a-zA-Z0-9_]`
    @inline(__always)
    static func isLabelNameCharacter(_ byte: UInt8) -> Bool {
        isLabelNameStart(byte) || byte &- UInt8(ascii: "0") < 10
    }

    /// `[a-zA-Z_:]`
    @inline(__always)
    static func isMetricNameStart(_ byte: UInt8) -> Bool {
        isLabelNameStart(byte) || byte == colon
    }

    /// `[a-zA-Z0-9_:]`
    @inline(__always)
    static func isMetricNameCharacter(_ byte: UInt8) -> Bool {
        isLabelNameCharacter(byte) || byte == colon
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
}
