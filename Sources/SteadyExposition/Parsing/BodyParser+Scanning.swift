import SteadyModel

/// Byte-level helpers: skipping, interning, unescaping, and error positions.
extension BodyParser {
    /// Skips spaces and tabs; returns how many.
    @discardableResult
    mutating func skipBlanks() -> Int {
        let start = position
        while position < end, ASCII.isBlank(base[position]) { position += 1 }
        return position - start
    }

    /// Skips a value or timestamp token: up to a space (or tab in the text format), a newline or the end.
    mutating func skipToken() {
        if format == .openMetrics {
            while position < end, base[position] != ASCII.space, base[position] != ASCII.newline { position += 1 }
        } else {
            while position < end, !ASCII.isBlank(base[position]), base[position] != ASCII.newline { position += 1 }
        }
    }

    /// Moves to the newline ending the line (or the end of the body), without consuming it.
    mutating func skipToLineEnd() {
        while position < end, base[position] != ASCII.newline { position += 1 }
    }

    /// Skips the rest of the line including its newline.
    mutating func skipToEndOfLine() {
        skipToLineEnd()
        if position < end { nextLine() }
    }

    /// Consumes the newline at `position`.
    @inline(__always)
    mutating func nextLine() {
        position += 1
        line += 1
        lineStart = position
    }

    func matchesKeyword(_ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard end - position >= count else { return false }
        let pointer = keyword.utf8Start
        for offset in 0..<count where base[position + offset] != pointer[offset] { return false }
        return true
    }

    func bytesEqual(_ first: Int, _ second: Int, _ count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: first + offset, as: UInt64.self)
                != raw.loadUnaligned(fromByteOffset: second + offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if base[first + offset] != base[second + offset] { return false }
            offset += 1
        }
        return true
    }

    /// A metric or label name (ASCII, validated by the caller), shared across samples and bodies.
    mutating func internName(_ start: Int, _ end: Int) -> String {
        let key = UnsafeRawBufferPointer(start: base + start, count: end - start)
        guard key.count <= tables.names.maxKeyLength else {
            return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        }
        let hash = tables.names.hash(key)
        if let name = tables.names.lookup(key, hash: hash) { return name }
        let name = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        tables.names.insert(key, hash: hash, value: name)
        return name
    }

    /// A label value from validated bytes; nil when they are not UTF-8.
    mutating func internValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let key = UnsafeRawBufferPointer(bytes)
        guard key.count <= tables.values.maxKeyLength else { return String(validating: bytes, as: UTF8.self) }
        let hash = tables.values.hash(key)
        if let value = tables.values.lookup(key, hash: hash) { return value }
        guard let value = String(validating: bytes, as: UTF8.self) else { return nil }
        tables.values.insert(key, hash: hash, value: value)
        return value
    }

    /// HELP text, unescaped, shared with earlier bodies that had the same bytes.
    mutating func helpText(_ start: Int, _ end: Int, escapesQuote: Bool) throws(ExpositionError) -> String {
        let key = UnsafeRawBufferPointer(start: base + start, count: end - start)
        guard key.count <= tables.help.maxKeyLength else {
            return try escapedText(start, end, escapesQuote: escapesQuote)
        }
        let hash = tables.help.hash(key)
        if let text = tables.help.lookup(key, hash: hash) { return text }
        let text = try escapedText(start, end, escapesQuote: escapesQuote)
        tables.help.insert(key, hash: hash, value: text)
        return text
    }

    /// Unescapes `\\`, `\n` (and `\"` when `escapesQuote`) of HELP text; other backslashes stay as they are.
    mutating func escapedText(_ start: Int, _ end: Int, escapesQuote: Bool) throws(ExpositionError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        var index = start
        while index < end {
            let byte = base[index]
            if byte == ASCII.backslash, index + 1 < end {
                let next = base[index + 1]
                if next == ASCII.backslash || (escapesQuote && next == ASCII.quote) {
                    unescaped.append(next)
                    index += 2
                    continue
                }
                if next == UInt8(ascii: "n") {
                    unescaped.append(ASCII.newline)
                    index += 2
                    continue
                }
            }
            unescaped.append(byte)
            index += 1
        }
        guard let text = String(validating: unescaped, as: UTF8.self) else {
            throw error(at: start, found: "invalid UTF-8", expected: "UTF-8 help text")
        }
        return text
    }

    /// The bytes as a string (for short words such as a metric type).
    func word(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }

    /// A token for an error message: quoted, shortened, or a description of what is at `start` when empty.
    func token(_ start: Int, _ end: Int) -> String {
        guard end > start else { return describe(at: start) }
        let limit = min(end, start + 40)
        let text = word(start, limit)
        return "\"" + text + (limit < end ? "…" : "") + "\""
    }

    /// What is at `offset`, for an error message.
    func describe(at offset: Int) -> String {
        guard offset < end else { return "end of input" }
        let byte = base[offset]
        switch byte {
        case ASCII.newline: return "newline"
        case ASCII.space: return "space"
        case ASCII.tab: return "tab"
        case ASCII.quote: return "'\"'"
        case 0x00..<0x20, 0x7F: return "control character 0x\(String(byte, radix: 16, uppercase: true))"
        case 0x20..<0x80: return "\"" + String(UnicodeScalar(byte)) + "\""
        default:
            var length = 1
            while offset + length < end, length < 4, base[offset + length] & 0xC0 == 0x80 { length += 1 }
            let bytes = UnsafeBufferPointer(start: base + offset, count: length)
            if let character = String(validating: bytes, as: UTF8.self) { return "\"" + character + "\"" }
            return "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    /// An error at `offset` of the current line.
    func error(at offset: Int, found: String? = nil, expected: String) -> ExpositionError {
        let clamped = min(max(offset, lineStart), end)
        var column = 1
        var index = lineStart
        while index < clamped {
            if base[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return .syntax(line: line, column: column, found: found ?? describe(at: offset), expected: expected)
    }
}
