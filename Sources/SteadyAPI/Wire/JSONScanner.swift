/// A forward-only reader of JSON text (RFC 8259) over UTF-8 bytes, for request bodies on hot paths where building
/// a generic tree first (JSONSerialization, Codable) dominates the cost. It validates as it reads, as Go's
/// encoding/json does: no raw control characters in strings (invalid UTF-8 and lone surrogates become U+FFFD),
/// numbers follow the JSON grammar, and nesting deeper than ``maximumDepth`` is refused instead of exhausting the
/// stack.
struct JSONScanner {
    struct SyntaxError: Error {}

    static let maximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next non-whitespace byte, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return bytes[index]
            }
        }
        return nil
    }

    /// Consumes `byte` (after whitespace) or fails.
    mutating func expect(_ byte: UInt8) throws(SyntaxError) {
        guard peek() == byte else { throw SyntaxError() }
        index += 1
    }

    /// Consumes `byte` (after whitespace) when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws(SyntaxError) {
        guard peek() == nil else { throw SyntaxError() }
    }

    /// Reads the members of an object, calling `member` with each key; `member` must consume the value.
    mutating func readObject(
        depth: Int, _ member: (inout JSONScanner, String) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        guard depth < Self.maximumDepth else { throw SyntaxError() }
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            guard peek() == UInt8(ascii: "\"") else { throw SyntaxError() }
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads the elements of an array, calling `element` with each index; `element` must consume the value.
    mutating func readArray(
        depth: Int, _ element: (inout JSONScanner, Int) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        guard depth < Self.maximumDepth else { throw SyntaxError() }
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        var position = 0
        repeat {
            try element(&self, position)
            position += 1
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Consumes `null` when it is next.
    @discardableResult
    mutating func consumeNull() throws(SyntaxError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Reads a string (the next byte must be `"`), decoding escapes; `\u` escapes of lone surrogates become U+FFFD
    /// as in Go's encoding/json.
    mutating func readString() throws(SyntaxError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw SyntaxError() }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape()
            case 0..<0x20:
                throw SyntaxError()
            default:
                scratch.append(byte)
            }
        }
        throw SyntaxError()
    }

    private mutating func readEscape() throws(SyntaxError) {
        guard index < bytes.count else { throw SyntaxError() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            {
                let saved = index
                index += 2
                let low = try readHex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = saved
                }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: String(character).utf8)
        default:
            throw SyntaxError()
        }
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw SyntaxError() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw SyntaxError()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Validates and skips any value.
    mutating func skipValue(depth: Int) throws(SyntaxError) {
        guard let next = peek() else { throw SyntaxError() }
        switch next {
        case UInt8(ascii: "{"):
            try readObject(depth: depth + 1) { scanner, _ throws(SyntaxError) in try scanner.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try readArray(depth: depth + 1) { scanner, _ throws(SyntaxError) in try scanner.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw SyntaxError()
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw SyntaxError() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw SyntaxError() }
        index += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func skipNumber() throws(SyntaxError) {
        func digits(_ scanner: inout JSONScanner) -> Int {
            let start = scanner.index
            while scanner.index < scanner.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner.bytes[scanner.index])
            {
                scanner.index += 1
            }
            return scanner.index - start
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw SyntaxError() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits(&self) > 0 else { throw SyntaxError() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw SyntaxError() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits(&self) > 0 else { throw SyntaxError() }
        }
    }
}
