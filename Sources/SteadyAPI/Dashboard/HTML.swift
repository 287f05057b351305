/// HTML escaping. Every piece of text that reaches a page — service names, messages, URLs — goes through
/// ``escape(_:)``, in element content and in attribute values alike.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.isControl, scalar != "\n", scalar != "\t" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters (general category Cc).
    var isControl: Bool { properties.generalCategory == .control }
}
