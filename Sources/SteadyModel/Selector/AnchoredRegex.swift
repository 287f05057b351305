/// A fully anchored regular expression, as PromQL label matchers use: `^(?s:re)$`.
///
/// Prometheus compiles matchers with Go's RE2 (`.` matches newlines since Prometheus 3). Swift's `Regex` accepts a
/// superset of that syntax with different defaults, so the pattern is first translated:
/// - matching works on Unicode scalars (RE2 code points), not grapheme clusters;
/// - `\d`, `\s`, `\w`, `\b` and POSIX classes such as `[[:alpha:]]` are ASCII-only, as in RE2;
/// - `\pL` is rewritten `\p{L}`; a `[` or `&` inside a class is literal, as in RE2;
/// - constructs RE2 rejects are rejected: look-around, atomic groups, back-references, possessive or nested
///   repetition operators, and repeat counts above 1000.
struct AnchoredRegex: Sendable {
    let pattern: String
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws(SelectorError) {
        self.pattern = pattern
        let translated: String
        do {
            translated = try RE2Translator.translate(pattern)
        } catch let failure {
            throw SelectorError.invalidRegex(pattern, reason: failure.reason)
        }
        do {
            regex = try Regex("^(?s:" + translated + ")$")
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyCharacterClasses()
                .wordBoundaryKind(.simple)
        } catch {
            throw SelectorError.invalidRegex(pattern, reason: "\(error)")
        }
    }

    func matches(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }
}

extension Regex: @retroactive @unchecked Sendable {}

/// Rewrites RE2 syntax into the equivalent Swift `Regex` syntax, rejecting what RE2 rejects.
private enum RE2Translator {
    struct Failure: Error {
        let reason: String
    }

    /// ASCII equivalents of the POSIX classes RE2 knows (RE2 keeps them ASCII-only).
    static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
        "cntrl": "\\x00-\\x1F\\x7F", "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~",
        "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\x0B\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_",
        "xdigit": "0-9A-Fa-f",
    ]

    static let maxRepeat = 1000

    static func translate(_ pattern: String) throws(Failure) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        var inClass = false
        var classStart = 0
        // 0: the last token was not a repetition; 1: it was; 2: it was a lazy repetition (`*?`).
        var repetition = 0

        func at(_ position: Int) -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
        func emit(_ text: String) { out.append(contentsOf: text.unicodeScalars) }

        while index < scalars.count {
            let scalar = scalars[index]
            if inClass {
                switch scalar {
                case "]" where index > classStart:
                    inClass = false
                    emit("]")
                    index += 1
                case "[":
                    if at(index + 1) == ":", let (name, end) = posixName(scalars, from: index + 2),
                        let ascii = posixClasses[name]
                    {
                        emit(ascii)
                        index = end
                    } else if at(index + 1) == ":" {
                        // `[:^alpha:]` and unknown names: leave them to the regex engine.
                        emit("[")
                        index += 1
                    } else {
                        emit("\\[")
                        index += 1
                    }
                case "]", "&", "~":
                    emit("\\")
                    out.append(scalar)
                    index += 1
                case "\\":
                    index = try escape(scalars, at: index, into: &out)
                default:
                    out.append(scalar)
                    index += 1
                }
                continue
            }
            switch scalar {
            case "\\":
                index = try escape(scalars, at: index, into: &out)
                repetition = 0
            case "[":
                inClass = true
                emit("[")
                index += 1
                if at(index) == "^" {
                    emit("^")
                    index += 1
                }
                classStart = index
            case "(":
                if at(index + 1) == "?" {
                    let next = at(index + 2)
                    let after = at(index + 3)
                    if next == "=" || next == "!" || (next == "<" && (after == "=" || after == "!")) {
                        throw Failure(reason: "look-around assertions are not supported")
                    }
                    if next == ">" { throw Failure(reason: "atomic groups are not supported") }
                }
                out.append(scalar)
                index += 1
                repetition = 0
            case "*", "+", "?":
                if repetition == 1 && scalar == "?" {
                    repetition = 2
                } else if repetition != 0 {
                    throw Failure(reason: "invalid nested repetition operator")
                } else {
                    repetition = 1
                }
                out.append(scalar)
                index += 1
            case "{":
                if let end = try repeatCount(scalars, from: index + 1) {
                    if repetition != 0 { throw Failure(reason: "invalid nested repetition operator") }
                    repetition = 1
                    for position in index..<end { out.append(scalars[position]) }
                    index = end
                } else {
                    // RE2 reads a `{` that does not start a valid repeat count as a literal.
                    emit("\\{")
                    index += 1
                    repetition = 0
                }
            default:
                out.append(scalar)
                index += 1
                repetition = 0
            }
        }
        if inClass { throw Failure(reason: "missing closing ]") }
        return String(out)
    }

    /// `[:name:]` starting after `[:`; returns the name and the index after `:]`.
    static func posixName(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = start
        var name = ""
        while index < scalars.count, scalars[index].properties.isLowercase, scalars[index].isASCII {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index + 1 < scalars.count, scalars[index] == ":", scalars[index + 1] == "]" else { return nil }
        return (name, index + 2)
    }

    /// A repeat count `{n}`, `{n,}` or `{n,m}` starting after `{`; returns the index after `}`, or nil.
    static func repeatCount(_ scalars: [Unicode.Scalar], from start: Int) throws(Failure) -> Int? {
        var index = start
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                value = min(value * 10 + Int(scalars[index].value - 48), maxRepeat + 1)
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            if let upper = number() {
                high = upper
            } else {
                high = -1
            }
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        if low > maxRepeat || high > maxRepeat || (high >= 0 && high < low) {
            throw Failure(reason: "invalid repeat count")
        }
        return index + 1
    }

    /// Translates one escape sequence starting at the backslash; returns the index after it.
    static func escape(
        _ scalars: [Unicode.Scalar], at start: Int, into out: inout String.UnicodeScalarView
    ) throws(Failure) -> Int {
        guard start + 1 < scalars.count else { throw Failure(reason: "trailing backslash at end of expression") }
        let next = scalars[start + 1]
        switch next {
        case "1"..."9":
            throw Failure(reason: "back-references are not supported")
        case "k", "g", "K", "R", "X", "h", "H", "G", "N", "V", "o":
            throw Failure(reason: "invalid escape sequence \\\(next)")
        case "p", "P":
            guard start + 2 < scalars.count else { throw Failure(reason: "invalid character class range") }
            out.append("\\")
            out.append(next)
            if scalars[start + 2] == "{" {
                var index = start + 2
                while index < scalars.count, scalars[index] != "}" {
                    out.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw Failure(reason: "missing } in character class name") }
                out.append("}")
                return index + 1
            }
            out.append("{")
            out.append(scalars[start + 2])
            out.append("}")
            return start + 3
        case "Q":
            // Literal text up to `\E` (or the end): every non-alphanumeric scalar as `\x{…}`.
            var index = start + 2
            while index < scalars.count {
                if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" {
                    return index + 2
                }
                let scalar = scalars[index]
                if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                    out.append(scalar)
                } else {
                    out.append(contentsOf: "\\x{\(String(scalar.value, radix: 16))}".unicodeScalars)
                }
                index += 1
            }
            return index
        default:
            out.append("\\")
            out.append(next)
            return start + 2
        }
    }
}
