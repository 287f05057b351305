/// YAML scalar helpers for the files Steady writes (rule files, steady.yml fragments, OpenSLO).
public enum YAMLScalar {
    /// A double-quoted YAML scalar: `"`, `\` and control characters escaped, everything else as is.
    ///
    /// ```swift
    /// YAMLScalar.quoted(#"a "b" c"#)   // "a \"b\" c" (with the surrounding quotes)
    /// ```
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
