import Foundation
import SteadyModel

/// The functions templates can call: Go's builtins (`len`, `index`, `eq`, `and`, `printf`, `urlquery`, …) and
/// Alertmanager's (`toUpper`, `toLower`, `title`, `join`, `match`, `safeHtml`, `reReplaceAll`, `stringSlice`), plus
/// `trimSpace`.
enum TemplateFunctions {
    struct Failure: Error {
        var message: String
    }

    static let names: Set<String> = [
        "and", "or", "not", "len", "index", "print", "printf", "println", "html", "urlquery", "js", "eq", "ne", "lt",
        "le", "gt", "ge", "toUpper", "toLower", "title", "join", "match", "safeHtml", "reReplaceAll", "stringSlice",
        "trimSpace",
    ]

    static func call(_ name: String, _ arguments: [TemplateValue]) throws(Failure) -> TemplateValue {
        func count(_ expected: Int) throws(Failure) {
            guard arguments.count == expected else {
                throw Failure(message: "wrong number of args for \(name): want \(expected) got \(arguments.count)")
            }
        }
        func string(_ value: TemplateValue) throws(Failure) -> String {
            switch value {
            case .string(let text), .html(let text): return text
            default: throw Failure(message: "wrong type for value; expected string; got \(value.typeName)")
            }
        }
        switch name {
        case "and":
            guard !arguments.isEmpty else { throw Failure(message: "wrong number of args for and: want at least 1") }
            return arguments.first { !$0.isTruthy } ?? arguments[arguments.count - 1]
        case "or":
            guard !arguments.isEmpty else { throw Failure(message: "wrong number of args for or: want at least 1") }
            return arguments.first { $0.isTruthy } ?? arguments[arguments.count - 1]
        case "not":
            try count(1)
            return .bool(!arguments[0].isTruthy)
        case "len":
            try count(1)
            switch arguments[0] {
            case .string(let text), .html(let text): return .int(text.utf8.count)
            case .strings(let list): return .int(list.count)
            case .kv(let pairs), .pairs(let pairs): return .int(pairs.count)
            case .alerts(let alerts): return .int(alerts.count)
            default: throw Failure(message: "len of type \(arguments[0].typeName)")
            }
        case "index":
            guard var value = arguments.first else { throw Failure(message: "index of untyped nil") }
            for key in arguments.dropFirst() { value = try index(value, key) }
            return value
        case "print": return .string(goPrint(arguments))
        case "println": return .string(arguments.map(\.printed).joined(separator: " ") + "\n")
        case "printf":
            guard let format = arguments.first else { throw Failure(message: "wrong number of args for printf") }
            return .string(printf(try string(format), Array(arguments.dropFirst())))
        case "html": return .string(escapeHTML(goPrint(arguments)))
        case "urlquery": return .string(queryEscape(goPrint(arguments)))
        case "js": return .string(escapeJS(goPrint(arguments)))
        case "eq":
            guard arguments.count >= 2 else { throw Failure(message: "missing argument for comparison") }
            for other in arguments.dropFirst() where try compare(arguments[0], other) == 0 { return .bool(true) }
            return .bool(false)
        case "ne":
            try count(2)
            return .bool(try compare(arguments[0], arguments[1]) != 0)
        case "lt", "le", "gt", "ge":
            try count(2)
            let order = try compare(arguments[0], arguments[1], ordered: true)
            switch name {
            case "lt": return .bool(order < 0)
            case "le": return .bool(order <= 0)
            case "gt": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "toUpper":
            try count(1)
            return .string(try string(arguments[0]).uppercased())
        case "toLower":
            try count(1)
            return .string(try string(arguments[0]).lowercased())
        case "title":
            try count(1)
            return .string(title(try string(arguments[0])))
        case "trimSpace":
            try count(1)
            return .string(try string(arguments[0]).trimmingCharacters(in: .whitespacesAndNewlines))
        case "join":
            try count(2)
            guard case .strings(let list) = arguments[1] else {
                throw Failure(message: "wrong type for value; expected []string; got \(arguments[1].typeName)")
            }
            return .string(list.joined(separator: try string(arguments[0])))
        case "safeHtml":
            try count(1)
            return .html(try string(arguments[0]))
        case "stringSlice":
            var list: [String] = []
            for argument in arguments { list.append(try string(argument)) }
            return .strings(list)
        case "match":
            try count(2)
            let expression = try regex(try string(arguments[0]))
            let text = try string(arguments[1])
            return .bool(expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        case "reReplaceAll":
            try count(3)
            let expression = try regex(try string(arguments[0]))
            let text = try string(arguments[2])
            return .string(
                expression.stringByReplacingMatches(
                    in: text, range: NSRange(text.startIndex..., in: text),
                    withTemplate: replacementTemplate(try string(arguments[1]))))
        default:
            throw Failure(message: "function \"\(name)\" not defined")
        }
    }

    private static func index(_ value: TemplateValue, _ key: TemplateValue) throws(Failure) -> TemplateValue {
        switch (value, key) {
        case (.kv(let pairs), .string(let name)): return .string(pairs.first { $0.name == name }?.value ?? "")
        case (.strings(let list), .int(let position)):
            guard list.indices.contains(position) else { throw Failure(message: "index out of range: \(position)") }
            return .string(list[position])
        case (.pairs(let list), .int(let position)):
            guard list.indices.contains(position) else { throw Failure(message: "index out of range: \(position)") }
            return .pair(list[position])
        case (.alerts(let list), .int(let position)):
            guard list.indices.contains(position) else { throw Failure(message: "index out of range: \(position)") }
            return .alert(list[position])
        case (.missing, _): throw Failure(message: "index of untyped nil")
        default: throw Failure(message: "can't index item of type \(value.typeName) with \(key.typeName)")
        }
    }

    /// -1, 0, 1; equality of basic kinds only, like Go's `eq`.
    private static func compare(
        _ lhs: TemplateValue, _ rhs: TemplateValue, ordered: Bool = false
    ) throws(Failure)
        -> Int
    {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a < b ? -1 : a == b ? 0 : 1
        case (.float(let a), .float(let b)): return a < b ? -1 : a == b ? 0 : 1
        case (.string(let a), .string(let b)), (.html(let a), .html(let b)), (.string(let a), .html(let b)),
            (.html(let a), .string(let b)):
            let left = Array(a.utf8)
            let right = Array(b.utf8)
            return left == right ? 0 : left.lexicographicallyPrecedes(right) ? -1 : 1
        case (.bool(let a), .bool(let b)):
            guard !ordered else { throw Failure(message: "invalid type for comparison") }
            return a == b ? 0 : 1
        case (.missing, _), (_, .missing):
            throw Failure(message: "invalid type for comparison")
        default:
            throw Failure(message: "incompatible types for comparison")
        }
    }

    private static func regex(_ pattern: String) throws(Failure) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw Failure(message: "error parsing regexp: \(pattern)")
        }
    }

    /// Go's `$1`/`${1}` expansion → NSRegularExpression's template (`$1`), with other characters escaped.
    static func replacementTemplate(_ go: String) -> String {
        var out = ""
        let characters = Array(go)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                out += "\\\\"
            } else if character == "$" {
                if index + 1 < characters.count, characters[index + 1] == "$" {
                    out += "\\$"
                    index += 2
                    continue
                }
                var digits = ""
                var end = index + 1
                if end < characters.count, characters[end] == "{" {
                    end += 1
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber {
                        digits.append(characters[end])
                        end += 1
                    }
                    if !digits.isEmpty, end < characters.count, characters[end] == "}" {
                        out += "$" + digits
                        index = end + 1
                        continue
                    }
                } else {
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber {
                        digits.append(characters[end])
                        end += 1
                    }
                    if !digits.isEmpty {
                        out += "$" + digits
                        index = end
                        continue
                    }
                }
                // `$name` (named groups are not supported) and a lone `$` expand to nothing, as in Go.
                index += 1
                while index < characters.count, characters[index].isLetter || characters[index] == "_" { index += 1 }
                continue
            } else {
                out.append(character)
            }
            index += 1
        }
        return out
    }

    /// Alertmanager 0.25's `title`, `cases.Title(language.AmericanEnglish)`: the first cased letter of every word is
    /// upper-cased and the rest of the word lower-cased (`hELLO wORLD` → `Hello World`).
    ///
    /// Words break as in x/text/cases: letters, digits, `_`, combining marks and the "mid" characters `'`, `.`, `:`
    /// (U+00B7, U+2019, …) do not break a word, but two mid characters in a row do; anything else (spaces, `-`, `/`,
    /// `,`, …) does. Digits do not start the word's casing, so `3am` becomes `3Am`, as in Go.
    static func title(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var isMidWord = false
        var previousWasMid = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let isMid = isWordMid(scalar)
            if previousWasMid && isMid { isMidWord = false }
            if properties.isCased {
                if isMidWord {
                    out += properties.lowercaseMapping
                } else {
                    out += properties.titlecaseMapping
                    isMidWord = true
                }
            } else {
                out.unicodeScalars.append(scalar)
                if isWordBreak(scalar, isMid: isMid) { isMidWord = false }
            }
            previousWasMid = isMid
        }
        return out
    }

    /// Unicode word-break MidLetter, MidNumLet and Single_Quote characters.
    private static func isWordMid(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55,
            0xFF07, 0xFF0E, 0xFF1A:
            true
        default: false
        }
    }

    /// Whether `scalar` ends a word: not a letter, digit, mark, format character, `_`-like connector or mid
    /// character (x/text/cases' `notBreak` set, approximated with general categories outside ASCII).
    private static func isWordBreak(_ scalar: Unicode.Scalar, isMid: Bool) -> Bool {
        if isMid { return false }
        if scalar.isASCII {
            let value = scalar.value
            return
                !((0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x5F)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .nonspacingMark, .spacingMark, .enclosingMark, .format, .connectorPunctuation:
            return false
        default:
            return scalar.value == 0x200D ? false : true
        }
    }

    /// `fmt.Sprint`: spaces between operands when neither is a string.
    static func goPrint(_ arguments: [TemplateValue]) -> String {
        var out = ""
        for (offset, argument) in arguments.enumerated() {
            if offset > 0 {
                let isString: (TemplateValue) -> Bool = {
                    if case .string = $0 { return true }
                    if case .html = $0 { return true }
                    return false
                }
                if !isString(argument) && !isString(arguments[offset - 1]) { out += " " }
            }
            out += argument.printed
        }
        return out
    }

    /// Go's `fmt` limit on a width or precision (`tooLarge`).
    static let maximumWidth = 1_000_000

    /// `fmt.Sprintf` for the verbs templates use: `%s %v %d %q %t %f %x %%`, with width and precision.
    static func printf(_ format: String, _ arguments: [TemplateValue]) -> String {
        var out = ""
        var remaining = arguments[...]
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "%", index + 1 < characters.count else {
                out.append(character)
                index += 1
                continue
            }
            index += 1
            var flags = ""
            while index < characters.count, "-+ #0".contains(characters[index]) {
                flags.append(characters[index])
                index += 1
            }
            // Go's parsenum: a number past 1e6 is "crazy long" and swallows the rest of the format (→ NOVERB),
            // so a width or precision can never ask for gigabytes of padding.
            func number() -> Int? {
                var value: Int?
                while index < characters.count, let digit = characters[index].wholeNumberValue,
                    characters[index].isASCII
                {
                    if let current = value, current > Self.maximumWidth {
                        index = characters.count
                        return nil
                    }
                    value = (value ?? 0) * 10 + digit
                    index += 1
                }
                return value
            }
            let width = number()
            var precision: Int?
            if index + 1 < characters.count, characters[index] == "." {
                index += 1
                precision = number() ?? 0
            }
            guard index < characters.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = characters[index]
            index += 1
            if verb == "%" {
                out += "%"
                continue
            }
            guard let argument = remaining.popFirst() else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            var text: String
            switch (verb, argument) {
            case ("d", .int(let value)): text = String(value)
            case ("x", .int(let value)): text = String(value, radix: 16)
            case ("x", .string(let value)): text = value.utf8.map { String(format: "%02x", $0) }.joined()
            case ("f", .float(let value)): text = String(format: "%.\(precision ?? 6)f", value)
            case ("f", .int(let value)): text = "%!f(int=\(value))"
            case ("q", .string(let value)), ("q", .html(let value)): text = GoQuote.quoted(value)
            case ("t", .bool(let value)): text = value ? "true" : "false"
            case ("s", _), ("v", _):
                text = argument.printed
                if let precision, verb == "s" { text = String(text.prefix(precision)) }
            default: text = "%!\(verb)(\(argument.typeName)=\(argument.printed))"
            }
            if let width, text.count < width {
                let padding = String(repeating: flags.contains("0") ? "0" : " ", count: width - text.count)
                text = flags.contains("-") ? text + padding : padding + text
            }
            out += text
        }
        if !remaining.isEmpty {
            out += "%!(EXTRA " + remaining.map { "\($0.typeName)=\($0.printed)" }.joined(separator: ", ") + ")"
        }
        return out
    }

    /// `html/template`'s escaping of text: `& ' < > "` and NUL.
    static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Go's `url.QueryEscape`.
    static func queryEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func escapeJS(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
