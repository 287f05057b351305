extension SeriesSelector {
    /// Parses a PromQL instant-vector selector without range, `offset` or `@`.
    ///
    /// The grammar is PromQL's: an optional metric name `[a-zA-Z_:][a-zA-Z0-9_:]*`, then optional braces holding
    /// comma-separated matchers `label op "value"` (`=`, `!=`, `=~`, `!~`), with values in double, single or back-tick
    /// quotes (Go escapes in the first two), a trailing comma allowed and whitespace anywhere between tokens.
    /// `__name__="x"` inside the braces becomes ``metricName`` when it is the only `__name__` matcher and `x` is a
    /// plain metric name.
    /// Like PromQL, a selector needs a metric name or a matcher that does not match the empty string.
    ///
    /// ```swift
    /// let selector = try SeriesSelector(parsing: #"http_requests_total{code=~"5..", method!="GET",}"#)
    /// selector.metricName // "http_requests_total"
    /// ```
    ///
    /// - Throws: ``SelectorError`` with the UTF-8 offset of the problem.
    public init(parsing text: String) throws(SelectorError) {
        var parser = SelectorParser(bytes: Array(text.utf8))
        self = try parser.parse()
    }
}

/// Recursive-descent parser over the UTF-8 bytes of a selector.
private struct SelectorParser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private struct ParsedMatcher {
        let matcher: LabelMatcher
        let offset: Int
    }

    mutating func parse() throws(SelectorError) -> SeriesSelector {
        skipWhitespace()
        var metricName: String?
        if let byte = peek(), Self.isMetricNameStart(byte) {
            let start = position
            while let byte = peek(), Self.isMetricNameStart(byte) || Self.isDigit(byte) { position += 1 }
            metricName = text(start, position)
            skipWhitespace()
        }
        var parsed: [ParsedMatcher] = []
        var hasBraces = false
        if peek() == UInt8(ascii: "{") {
            position += 1
            hasBraces = true
            parsed = try parseMatchers()
            skipWhitespace()
        }
        guard metricName != nil || hasBraces else { throw unexpected(expected: "metric name or \"{\"") }
        guard position == bytes.count else {
            if hasBraces { throw unexpected(expected: "end of input") }
            throw unexpected(expected: metricName == nil ? "metric name or \"{\"" : "\"{\" or end of input")
        }

        var matchers = parsed.map(\.matcher)
        let nameMatchers = parsed.filter { $0.matcher.name == "__name__" }
        if let metricName {
            if let duplicate = nameMatchers.first {
                throw SelectorError.syntax(
                    offset: duplicate.offset, found: "a __name__ matcher",
                    expected: "no __name__ matcher after the metric name \"\(metricName)\"")
            }
        } else if nameMatchers.count == 1, let only = nameMatchers.first, only.matcher.op == .equal,
            Self.isMetricName(only.matcher.value)
        {
            metricName = only.matcher.value
            matchers.removeAll { $0.name == "__name__" }
        }
        if metricName == nil && !matchers.contains(where: { !$0.matches("") }) {
            throw SelectorError.emptyMatchers
        }
        return SeriesSelector(metricName: metricName, matchers: matchers)
    }

    private mutating func parseMatchers() throws(SelectorError) -> [ParsedMatcher] {
        var matchers: [ParsedMatcher] = []
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return matchers
            }
            let nameOffset = position
            guard let first = peek(), Self.isLabelNameStart(first) else {
                throw unexpected(expected: "label name or \"}\"")
            }
            while let byte = peek(), Self.isLabelNameStart(byte) || Self.isDigit(byte) { position += 1 }
            let name = text(nameOffset, position)
            skipWhitespace()
            let op = try parseOperator()
            skipWhitespace()
            let valueOffset = position
            let value = try parseString()
            do {
                let matcher = try LabelMatcher(name: name, op: op, value: value)
                matchers.append(ParsedMatcher(matcher: matcher, offset: nameOffset))
            } catch {
                throw error.located(at: valueOffset)
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return matchers
            default: throw unexpected(expected: "\",\" or \"}\"")
            }
        }
    }

    private mutating func parseOperator() throws(SelectorError) -> LabelMatcher.Operator {
        let first = peek()
        let second = position + 1 < bytes.count ? bytes[position + 1] : nil
        let op: LabelMatcher.Operator
        switch (first, second) {
        case (UInt8(ascii: "="), UInt8(ascii: "~")): op = .regexMatch
        case (UInt8(ascii: "!"), UInt8(ascii: "~")): op = .regexNoMatch
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): op = .notEqual
        case (UInt8(ascii: "="), _): op = .equal
        default: throw unexpected(expected: "one of \"=\", \"!=\", \"=~\", \"!~\"")
        }
        position += op.rawValue.utf8.count
        return op
    }

    /// A double-, single- or back-tick-quoted string, unquoted as Go's `strconv.Unquote` does.
    private mutating func parseString() throws(SelectorError) -> String {
        guard let quote = peek(),
            quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`")
        else {
            throw unexpected(expected: "quoted string")
        }
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw SelectorError.syntax(
                    offset: position, found: "end of input",
                    expected: "closing \(String(UnicodeScalar(quote))) of the string at offset \(start)")
            }
            if byte == quote {
                position += 1
                break
            }
            if quote == UInt8(ascii: "`") {
                out.append(byte)
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\n") {
                throw unexpected(expected: "closing \(String(UnicodeScalar(quote))) (strings cannot span lines)")
            }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                position += 1
                continue
            }
            try parseEscape(quote: quote, into: &out)
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw SelectorError.syntax(offset: start, found: "invalid UTF-8 in string", expected: "valid UTF-8")
        }
        return string
    }

    private mutating func parseEscape(quote: UInt8, into out: inout [UInt8]) throws(SelectorError) {
        let escapeOffset = position
        position += 1
        guard let code = peek() else {
            throw unexpected(expected: "escape sequence")
        }
        position += 1
        switch code {
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "\\"): out.append(code)
        case quote: out.append(code)
        case UInt8(ascii: "x"): out.append(UInt8(try hexDigits(2)))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let value = try hexDigits(code == UInt8(ascii: "u") ? 4 : 8)
            guard let scalar = Unicode.Scalar(value) else {
                throw SelectorError.syntax(
                    offset: escapeOffset, found: "escape of U+\(String(value, radix: 16, uppercase: true))",
                    expected: "a Unicode scalar value")
            }
            out.append(contentsOf: String(scalar).utf8)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(code - UInt8(ascii: "0"))
            for _ in 0..<2 {
                guard let digit = peek(), (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else {
                    throw unexpected(expected: "octal digit")
                }
                value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
                position += 1
            }
            guard value <= 255 else {
                throw SelectorError.syntax(
                    offset: escapeOffset, found: "octal escape above \\377", expected: "a byte value")
            }
            out.append(UInt8(value))
        default:
            position -= 1
            throw unexpected(expected: "escape sequence (\\a \\b \\f \\n \\r \\t \\v \\\\ \\x \\u \\U or octal)")
        }
    }

    private mutating func hexDigits(_ count: Int) throws(SelectorError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw unexpected(expected: "hexadecimal digit")
            }
            value = value &* 16 &+ UInt32(digit)
            position += 1
        }
        return value
    }

    // MARK: - Bytes

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        {
            position += 1
        }
    }

    /// A syntax error at the current position describing the character found there.
    private func unexpected(expected: String) -> SelectorError {
        SelectorError.syntax(offset: position, found: describeFound(), expected: expected)
    }

    private func describeFound() -> String {
        guard position < bytes.count else { return "end of input" }
        var end = position + 1
        while end < bytes.count, end - position < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[position..<end], as: UTF8.self)
        switch character {
        case "\"": return "'\"'"
        case "\n": return "newline"
        case "\t": return "tab"
        default: return "\"\(character)\""
        }
    }

    /// Whether `text` can be written as a bare metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`); other names stay a
    /// `__name__` matcher so ``SeriesSelector/description`` parses back.
    static func isMetricName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isMetricNameStart(first) else { return false }
        return text.utf8.allSatisfy { isMetricNameStart($0) || isDigit($0) }
    }

    private static func isMetricNameStart(_ byte: UInt8) -> Bool {
        isLabelNameStart(byte) || byte == UInt8(ascii: ":")
    }

    private static func isLabelNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
