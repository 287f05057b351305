/// Go's `strconv.Quote` (and `%q`) for valid UTF-8, as Alertmanager's messages, group keys and templates print
/// strings: `"` and `\` escaped, the named escapes `\a \b \f \n \r \t \v`, other control characters as `\xNN`, a few
/// invisible formatting characters as `\uNNNN`; printable Unicode kept as it is.
public enum GoQuote {
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F {
                    out += "\\x" + hex(value, width: 2)
                } else if (0x80..<0xA0).contains(value) || value == 0xAD || (0x2028...0x2029).contains(value)
                    || value == 0xFEFF
                {
                    out += "\\u" + hex(value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
