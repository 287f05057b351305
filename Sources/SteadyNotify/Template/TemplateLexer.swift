/// Splits a template into text and action tokens, honouring `{{-`/`-}}` trim markers and `{{/* comments */}}`.
struct TemplateLexer {
    static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ]

    let name: String
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var tokens: [TemplateToken] = []

    init(name: String, source: String) {
        self.name = name
        self.bytes = Array(source.utf8)
    }

    static func tokenize(_ source: String, name: String) throws(TemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(name: name, source: source)
        try lexer.run()
        return lexer.tokens
    }

    private var position: TemplatePosition { TemplatePosition(line: line, column: index - lineStart + 1) }

    private func error(_ message: String, at position: TemplatePosition? = nil) -> TemplateError {
        let where_ = position ?? self.position
        return TemplateError(name: name, line: where_.line, column: where_.column, message: message)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private static func isSpace(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isIdentifierByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte >= 0x80
    }

    private func startsWith(_ text: String, at offset: Int) -> Bool {
        let needle = Array(text.utf8)
        guard offset + needle.count <= bytes.count else { return false }
        return bytes[offset..<offset + needle.count].elementsEqual(needle)
    }

    private mutating func run() throws(TemplateError) {
        var textStart = index
        var textPosition = position
        var trimNextText = false
        while index < bytes.count {
            guard startsWith("{{", at: index) else {
                advance()
                continue
            }
            // Emit the text before the delimiter, trimmed as the markers ask.
            let trimLeft = peek(2) == UInt8(ascii: "-") && Self.isSpace(peek(3))
            emitText(from: textStart, to: index, at: textPosition, trimLeading: trimNextText, trimTrailing: trimLeft)
            let delimiterPosition = position
            for _ in 0..<(trimLeft ? 3 : 2) { advance() }
            trimNextText = try lexAction(at: delimiterPosition)
            textStart = index
            textPosition = position
        }
        emitText(from: textStart, to: bytes.count, at: textPosition, trimLeading: trimNextText, trimTrailing: false)
        tokens.append(TemplateToken(kind: .eof, position: position))
    }

    private mutating func emitText(
        from start: Int, to end: Int, at position: TemplatePosition, trimLeading: Bool, trimTrailing: Bool
    ) {
        var low = start
        var high = end
        if trimLeading { while low < high, Self.isSpace(bytes[low]) { low += 1 } }
        if trimTrailing { while high > low, Self.isSpace(bytes[high - 1]) { high -= 1 } }
        guard low < high else { return }
        tokens.append(
            TemplateToken(kind: .text(String(decoding: bytes[low..<high], as: UTF8.self)), position: position))
    }

    /// Lexes one action after its `{{`; returns whether it ended with a trim marker (`-}}`).
    private mutating func lexAction(at start: TemplatePosition) throws(TemplateError) -> Bool {
        while Self.isSpace(peek()) { advance() }
        if startsWith("/*", at: index) {
            while index < bytes.count, !startsWith("*/", at: index) { advance() }
            guard index < bytes.count else { throw error("unclosed comment", at: start) }
            advance()
            advance()
            if startsWith("}}", at: index) {
                advance()
                advance()
                return false
            }
            if startsWith(" -}}", at: index) {
                for _ in 0..<4 { advance() }
                return true
            }
            throw error("comment ends before closing delimiter", at: start)
        }
        tokens.append(TemplateToken(kind: .leftDelimiter, position: start))
        var parenDepth = 0
        while true {
            guard let byte = peek() else { throw error("unclosed action", at: start) }
            let here = position
            if Self.isSpace(byte) {
                if byte == UInt8(ascii: "\n") && parenDepth == 0 {
                    // Go allows newlines inside actions since 1.16; keep going.
                }
                // Trim marker: whitespace, '-', "}}".
                var probe = index
                while probe < bytes.count, Self.isSpace(bytes[probe]) { probe += 1 }
                if probe + 2 < bytes.count, bytes[probe] == UInt8(ascii: "-"), startsWith("}}", at: probe + 1) {
                    while index < probe + 3 { advance() }
                    tokens.append(TemplateToken(kind: .rightDelimiter, position: here))
                    return true
                }
                advance()
                continue
            }
            if startsWith("}}", at: index) {
                advance()
                advance()
                tokens.append(TemplateToken(kind: .rightDelimiter, position: here))
                return false
            }
            switch byte {
            case UInt8(ascii: "|"):
                advance()
                tokens.append(TemplateToken(kind: .pipe, position: here))
            case UInt8(ascii: "("):
                advance()
                parenDepth += 1
                tokens.append(TemplateToken(kind: .leftParen, position: here))
            case UInt8(ascii: ")"):
                advance()
                parenDepth -= 1
                if parenDepth < 0 { throw error("unexpected right paren", at: here) }
                tokens.append(TemplateToken(kind: .rightParen, position: here))
                if peek() == UInt8(ascii: "."), Self.isIdentifierByte(peek(1)) {
                    tokens.append(TemplateToken(kind: .chain(lexPath()), position: position))
                }
            case UInt8(ascii: ","):
                advance()
                tokens.append(TemplateToken(kind: .comma, position: here))
            case UInt8(ascii: ":"):
                guard peek(1) == UInt8(ascii: "=") else { throw error("expected :=", at: here) }
                advance()
                advance()
                tokens.append(TemplateToken(kind: .declare, position: here))
            case UInt8(ascii: "="):
                advance()
                tokens.append(TemplateToken(kind: .assign, position: here))
            case UInt8(ascii: "\""):
                tokens.append(TemplateToken(kind: .string(try lexQuoted()), position: here))
            case UInt8(ascii: "`"):
                tokens.append(TemplateToken(kind: .string(try lexRaw()), position: here))
            case UInt8(ascii: "$"):
                advance()
                var name = "$"
                let nameStart = index
                while Self.isIdentifierByte(peek()) { advance() }
                if index > nameStart { name += String(decoding: bytes[nameStart..<index], as: UTF8.self) }
                var path: [String] = []
                if peek() == UInt8(ascii: "."), Self.isIdentifierByte(peek(1)) { path = lexPath() }
                tokens.append(TemplateToken(kind: .variable(name, path), position: here))
            case UInt8(ascii: "."):
                if let next = peek(1), next >= 0x30, next <= 0x39 {
                    tokens.append(TemplateToken(kind: .number(lexNumber()), position: here))
                } else if Self.isIdentifierByte(peek(1)) {
                    tokens.append(TemplateToken(kind: .field(lexPath()), position: here))
                } else {
                    advance()
                    tokens.append(TemplateToken(kind: .field([]), position: here))
                }
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                    guard let next = peek(1), (next >= 0x30 && next <= 0x39) || next == UInt8(ascii: ".") else {
                        throw error("bad character \(Self.quote(byte))", at: here)
                    }
                }
                tokens.append(TemplateToken(kind: .number(lexNumber()), position: here))
            case UInt8(ascii: "'"):
                throw error("character constants are not supported", at: here)
            default:
                guard Self.isIdentifierByte(byte) else { throw error("bad character \(Self.quote(byte))", at: here) }
                let wordStart = index
                while Self.isIdentifierByte(peek()) { advance() }
                let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
                let kind: TemplateTokenKind
                switch word {
                case "true": kind = .bool(true)
                case "false": kind = .bool(false)
                case "nil": kind = .nilValue
                default: kind = Self.keywords.contains(word) ? .keyword(word) : .identifier(word)
                }
                tokens.append(TemplateToken(kind: kind, position: here))
            }
        }
    }

    private static func quote(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : "U+\(String(byte, radix: 16))"
    }

    /// `.A.B.C` starting at a dot.
    private mutating func lexPath() -> [String] {
        var path: [String] = []
        while peek() == UInt8(ascii: "."), Self.isIdentifierByte(peek(1)) {
            advance()
            let start = index
            while Self.isIdentifierByte(peek()) { advance() }
            path.append(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        return path
    }

    private mutating func lexNumber() -> String {
        let start = index
        advance()
        while let byte = peek(),
            Self.isIdentifierByte(byte) || byte == UInt8(ascii: ".")
                || ((byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"))
                    && (bytes[index - 1] == UInt8(ascii: "e") || bytes[index - 1] == UInt8(ascii: "E")))
        {
            advance()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func lexRaw() throws(TemplateError) -> String {
        let start = position
        advance()
        let contentStart = index
        while let byte = peek(), byte != UInt8(ascii: "`") { advance() }
        guard peek() != nil else { throw error("unterminated raw quoted string", at: start) }
        let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        advance()
        return text
    }

    /// A Go interpreted string literal (`"a\tb\u00e9"`).
    private mutating func lexQuoted() throws(TemplateError) -> String {
        let start = position
        advance()
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                throw error("unterminated quoted string", at: start)
            }
            advance()
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard let escape = peek() else { throw error("unterminated quoted string", at: start) }
            advance()
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(escape)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<digits {
                    guard let digit = peek(), let nibble = Self.hexValue(digit) else {
                        throw error("invalid escape in quoted string", at: start)
                    }
                    advance()
                    value = value * 16 + nibble
                }
                if escape == UInt8(ascii: "x") {
                    out.append(UInt8(value))
                } else {
                    guard let scalar = Unicode.Scalar(value) else {
                        throw error("invalid Unicode escape in quoted string", at: start)
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            default:
                throw error("unknown escape sequence in quoted string", at: start)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}
