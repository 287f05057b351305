/// Parses RE2 syntax (Go's `regexp/syntax` with Perl flags, as Prometheus and Alertmanager compile matchers) into a
/// `RegexNode`, with RE2's error messages.
///
/// Everything RE2 rejects is rejected here: look-around, atomic groups, back-references, possessive or nested
/// repetition operators, repeat counts above 1000, unknown escapes. Nesting is limited so that no pattern can exhaust
/// the stack.
struct RegexParser {
    struct Failure: Error, Equatable {
        let reason: String
    }

    private struct Flags {
        var foldCase = false
        var multiLine = false
        /// `.` matches `\n`. Prometheus compiles matchers as `^(?s:…)$`, so it starts on; Alertmanager's `^(?:…)$`
        /// starts it off.
        var dotNewline = true
    }

    static let maxRepeat = 1000
    static let maxDepth = 200

    private let scalars: [UInt32]
    private var index = 0
    private var flags = Flags()
    private var depth = 0
    private var captureNames: Set<String> = []
    /// Numbers the classes as they are parsed (see `RegexCharClass.id`).
    private var classCount = 0

    private init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    /// `dotMatchesNewline` is the initial `s` flag: on for PromQL (`^(?s:re)$`), off for Alertmanager (`^(?:re)$`).
    static func parse(_ pattern: String, dotMatchesNewline: Bool = true) throws(Failure) -> RegexNode {
        var parser = RegexParser(pattern)
        parser.flags.dotNewline = dotMatchesNewline
        let node = try parser.parseAlternation()
        if parser.index < parser.scalars.count {
            // Only an unmatched `)` stops the top-level alternation early.
            throw Failure(reason: "unexpected ): `\(pattern)`")
        }
        return node
    }

    // MARK: - Structure

    private var current: UInt32? { index < scalars.count ? scalars[index] : nil }

    private func peek(at position: Int) -> UInt32? { position < scalars.count ? scalars[position] : nil }

    private func text(_ range: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        for position in range.clamped(to: 0..<scalars.count) {
            if let scalar = Unicode.Scalar(scalars[position]) { result.append(scalar) }
        }
        return String(result)
    }

    private func failure(_ code: String, _ range: Range<Int>) -> Failure {
        Failure(reason: "\(code): `\(text(range))`")
    }

    private mutating func parseAlternation() throws(Failure) -> RegexNode {
        var branches = [try parseConcatenation()]
        while current == 0x7C {  // |
            index += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(Failure) -> RegexNode {
        var items: [RegexNode] = []
        // Where the last repetition operator started, while the previous token was one (for `a**`).
        var lastRepetition: Int?
        while let scalar = current, scalar != 0x7C, scalar != 0x29 {  // | )
            let start = index
            if let (min, max, end) = try repetitionOperator() {
                if let lastRepetition {
                    throw failure("invalid nested repetition operator", lastRepetition..<end)
                }
                guard let operand = items.popLast() else {
                    throw failure("missing argument to repetition operator", start..<end)
                }
                let node = RegexNode.repetition(operand, min: min, max: max)
                // As Go: nested counted repetitions may not multiply past 1,000 copies of what they repeat, so
                // `((a{1000}){1000}){1000}` (or the same around an empty group) cannot make compilation explode.
                if min >= 2 || (max ?? 0) >= 2, !Self.repeatIsValid(node, Self.maxRepeat) {
                    throw failure("invalid repeat count", start..<end)
                }
                index = end
                if current == 0x3F { index += 1 }  // a lazy `?` changes nothing for a yes/no match
                items.append(node)
                lastRepetition = start
                continue
            }
            lastRepetition = nil
            if scalar == 0x5C, peek(at: index + 1) == 0x51 {
                // \Q…\E: separate literals, so a repetition after it applies to the last one only.
                items.append(contentsOf: parseQuoted())
            } else if let atom = try parseAtom() {
                items.append(atom)
            }
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    /// Whether `node` and the repetitions inside it stay within `limit` copies of the innermost operand (Go's
    /// `repeatIsValid`; `*`, `+` and `?` count as one copy). Called only for counts of 2 or more, so the nesting it
    /// walks is at most about ten deep before a repeat count fails.
    private static func repeatIsValid(_ node: RegexNode, _ limit: Int) -> Bool {
        switch node {
        case .repetition(let operand, let min, let max):
            if max == 0 { return true }
            let copies = max ?? min
            if copies > limit { return false }
            return repeatIsValid(operand, copies > 0 ? limit / copies : limit)
        case .concatenation(let items), .alternation(let items):
            return items.allSatisfy { repeatIsValid($0, limit) }
        case .empty, .scalar, .foldedScalar, .set, .anyScalar, .assertion:
            return true
        }
    }

    /// A repetition operator at the current position: its bounds and the index after it, without consuming it.
    private func repetitionOperator() throws(Failure) -> (Int, Int?, Int)? {
        switch current {
        case 0x2A: return (0, nil, index + 1)  // *
        case 0x2B: return (1, nil, index + 1)  // +
        case 0x3F: return (0, 1, index + 1)  // ?
        case 0x7B:  // {
            guard let (min, max, end) = repeatCount(from: index + 1) else { return nil }
            if min > Self.maxRepeat || (max ?? 0) > Self.maxRepeat || max.map({ $0 < min }) == true {
                throw failure("invalid repeat count", index..<end)
            }
            return (min, max, end)
        default: return nil
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` after the `{`: bounds and the index after `}`; nil when it is not one (then `{` is
    /// a literal, as in RE2). Counts too large to represent come back above `maxRepeat`.
    private func repeatCount(from start: Int) -> (Int, Int?, Int)? {
        var position = start
        func number() -> Int? {
            guard let first = peek(at: position), (0x30...0x39).contains(first) else { return nil }
            // RE2 does not read `{01}` as a count.
            if first == 0x30, let second = peek(at: position + 1), (0x30...0x39).contains(second) { return nil }
            var value = 0
            while let digit = peek(at: position), (0x30...0x39).contains(digit) {
                value = Swift.min(value * 10 + Int(digit - 0x30), Self.maxRepeat + 1)
                position += 1
            }
            return value
        }
        guard let min = number() else { return nil }
        var max: Int? = min
        if peek(at: position) == 0x2C {  // ,
            position += 1
            if peek(at: position) == 0x7D {
                max = nil
            } else {
                guard let upper = number() else { return nil }
                max = upper
            }
        }
        guard peek(at: position) == 0x7D else { return nil }
        return (min, max, position + 1)
    }

    /// One atom, or nil for a flag group such as `(?i)` that only changes flags.
    private mutating func parseAtom() throws(Failure) -> RegexNode? {
        let scalar = scalars[index]
        switch scalar {
        case 0x28:  // (
            return try parseGroup()
        case 0x5B:  // [
            return try parseClass()
        case 0x2E:  // .
            index += 1
            if flags.dotNewline { return .anyScalar }
            var anyButNewline = RegexCharClass(ranges: [0...0x09, 0x0B...RegexCharClass.maxScalar])
            anyButNewline.finish(foldCase: false)
            return .set(identified(anyButNewline))
        case 0x5E:  // ^
            index += 1
            return .assertion(flags.multiLine ? .beginLine : .beginText)
        case 0x24:  // $
            index += 1
            return .assertion(flags.multiLine ? .endLine : .endText)
        case 0x5C:  // \
            return try parseEscapeOutsideClass()
        default:
            index += 1
            return literal(scalar)
        }
    }

    private mutating func identified(_ set: RegexCharClass) -> RegexCharClass {
        var set = set
        classCount += 1
        set.id = classCount
        return set
    }

    private func literal(_ scalar: UInt32) -> RegexNode {
        flags.foldCase ? .foldedScalar(CaseFolding.fold(scalar)) : .scalar(scalar)
    }

    // MARK: - Groups and flags

    private mutating func parseGroup() throws(Failure) -> RegexNode? {
        let start = index
        index += 1
        if current == 0x3F {  // ?
            if let node = try parseGroupOptions(start: start) { return node }
            return nil
        }
        return try parseGroupBody(start: start)
    }

    /// The body of a group up to its `)`, with flags restored afterwards.
    private mutating func parseGroupBody(start: Int) throws(Failure) -> RegexNode {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("expression nests too deeply", start..<scalars.count) }
        let saved = flags
        let node = try parseAlternation()
        guard current == 0x29 else { throw failure("missing closing )", 0..<scalars.count) }
        index += 1
        flags = saved
        depth -= 1
        return node
    }

    /// `(?P<name>…)`, `(?<name>…)`, `(?flags)` or `(?flags:…)` after the `(`; nil for `(?flags)`.
    private mutating func parseGroupOptions(start: Int) throws(Failure) -> RegexNode? {
        let afterQuestion = index + 1
        if peek(at: afterQuestion) == 0x3C || (peek(at: afterQuestion) == 0x50 && peek(at: afterQuestion + 1) == 0x3C) {
            // Named capture: (?P<name>re) or (?<name>re). Not (?<= or (?<!, which are look-behind.
            let nameStart = peek(at: afterQuestion) == 0x3C ? afterQuestion + 1 : afterQuestion + 2
            if peek(at: afterQuestion) == 0x3C, let next = peek(at: nameStart), next == 0x3D || next == 0x21 {
                throw failure("invalid or unsupported Perl syntax", start..<nameStart + 1)
            }
            var end = nameStart
            while let scalar = peek(at: end), scalar != 0x3E { end += 1 }
            guard end < scalars.count else { throw failure("invalid named capture", start..<scalars.count) }
            let name = text(nameStart..<end)
            let valid =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
                }
            guard valid else { throw failure("invalid named capture", start..<end + 1) }
            guard captureNames.insert(name).inserted else {
                throw failure("duplicate capture group name", start..<end + 1)
            }
            index = end + 1
            return try parseGroupBody(start: start)
        }
        index = afterQuestion
        var newFlags = flags
        var negative = false
        var sawFlag = false
        while let scalar = current {
            switch scalar {
            case 0x69: newFlags.foldCase = !negative  // i
            case 0x6D: newFlags.multiLine = !negative  // m
            case 0x73: newFlags.dotNewline = !negative  // s
            case 0x55: break  // U: greediness does not change whether a pattern matches
            case 0x2D:  // -
                guard !negative else { throw failure("invalid or unsupported Perl syntax", start..<index + 1) }
                negative = true
                sawFlag = false
                index += 1
                continue
            case 0x29, 0x3A:  // ) :
                // `(?-)`, `(?i-)` and `(?-:` are errors; `(?:` is a plain group and `(?)` changes nothing.
                guard sawFlag || !negative else {
                    throw failure("invalid or unsupported Perl syntax", start..<index + 1)
                }
                index += 1
                if scalar == 0x29 {
                    flags = newFlags
                    return nil
                }
                let saved = flags
                flags = newFlags
                let node = try parseGroupBody(start: start)
                flags = saved
                return node
            default:
                throw failure("invalid or unsupported Perl syntax", start..<index + 1)
            }
            sawFlag = true
            index += 1
        }
        throw failure("missing closing )", 0..<scalars.count)
    }

    // MARK: - Escapes

    private mutating func parseEscapeOutsideClass() throws(Failure) -> RegexNode {
        guard let next = peek(at: index + 1) else {
            throw Failure(reason: "trailing backslash at end of expression: ``")
        }
        switch next {
        case 0x41:  // \A
            index += 2
            return .assertion(.beginText)
        case 0x7A:  // \z
            index += 2
            return .assertion(.endText)
        case 0x62:  // \b
            index += 2
            return .assertion(.wordBoundary)
        case 0x42:  // \B
            index += 2
            return .assertion(.notWordBoundary)
        default:
            var set = RegexCharClass()
            if try addClassEscape(into: &set) {
                set.finish(foldCase: flags.foldCase)
                return .set(identified(set))
            }
            return literal(try parseSingleEscape())
        }
    }

    /// The literals of `\Q…\E` (up to `\E` or the end of the pattern) at the current position.
    private mutating func parseQuoted() -> [RegexNode] {
        var position = index + 2
        var items: [RegexNode] = []
        while position < scalars.count {
            if scalars[position] == 0x5C, peek(at: position + 1) == 0x45 {
                position += 2
                break
            }
            items.append(literal(scalars[position]))
            position += 1
        }
        index = position
        return items
    }

    /// `\d \D \s \S \w \W` or a Unicode class `\pL \p{Greek} \PL \p{^Greek}` at the current position: adds it and
    /// returns true; false (consuming nothing) for any other escape.
    private mutating func addClassEscape(into set: inout RegexCharClass) throws(Failure) -> Bool {
        guard peek(at: index) == 0x5C, let letter = peek(at: index + 1) else { return false }
        let perl: [ClosedRange<UInt32>]?
        switch letter | 0x20 {
        case 0x64: perl = [0x30...0x39]  // d
        case 0x73: perl = [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]  // s: [\t\n\f\r ], as in RE2
        case 0x77: perl = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]  // w
        default: perl = nil
        }
        if let perl {
            set.add(perl, negated: letter < 0x60, foldCase: flags.foldCase)
            index += 2
            return true
        }
        guard letter == 0x70 || letter == 0x50 else { return false }  // p P
        let start = index
        var negated = letter == 0x50
        var name: String
        guard let first = peek(at: index + 2) else { throw failure("invalid character class range", start..<index + 2) }
        if first == 0x7B {  // {
            var end = index + 3
            while let scalar = peek(at: end), scalar != 0x7D { end += 1 }
            guard end < scalars.count else { throw failure("invalid character class range", start..<scalars.count) }
            name = text(index + 3..<end)
            index = end + 1
        } else {
            name = text(index + 2..<index + 3)
            index += 3
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let property = RegexUnicodeProperty(name: name, negated: negated) else {
            throw failure("invalid character class range", start..<index)
        }
        set.add(property)
        return true
    }

    /// An escape for one scalar (`\n`, `\x41`, `\x{1F600}`, `\101`, `\.`); consumes it.
    private mutating func parseSingleEscape() throws(Failure) -> UInt32 {
        let start = index
        guard let next = peek(at: index + 1) else {
            throw Failure(reason: "trailing backslash at end of expression: ``")
        }
        index += 2
        func isOctal(_ scalar: UInt32?) -> Bool { scalar.map { (0x30...0x37).contains($0) } ?? false }
        switch next {
        case 0x31...0x37 where isOctal(current), 0x30:
            // \0, \0nn, \1n… : up to three octal digits. A lone \1–\7 would be a back-reference.
            var value = next - 0x30
            for _ in 0..<2 where isOctal(current) {
                value = value * 8 + (current! - 0x30)
                index += 1
            }
            return value
        case 0x78:  // x
            if current == 0x7B {
                var value: UInt32 = 0
                var digits = 0
                index += 1
                while let scalar = current, let digit = Self.hexValue(scalar) {
                    value = Swift.min(value * 16 + digit, 0x110000)
                    digits += 1
                    index += 1
                }
                guard current == 0x7D, digits > 0, value <= RegexCharClass.maxScalar else {
                    throw failure("invalid escape sequence", start..<Swift.min(index + 1, scalars.count))
                }
                index += 1
                return value
            }
            guard let high = current.flatMap(Self.hexValue), let low = peek(at: index + 1).flatMap(Self.hexValue) else {
                throw failure("invalid escape sequence", start..<Swift.min(index + 2, scalars.count))
            }
            index += 2
            return high * 16 + low
        case 0x61: return 0x07  // \a
        case 0x66: return 0x0C  // \f
        case 0x6E: return 0x0A  // \n
        case 0x72: return 0x0D  // \r
        case 0x74: return 0x09  // \t
        case 0x76: return 0x0B  // \v
        default:
            // Any ASCII punctuation may be escaped; letters, digits and non-ASCII scalars may not.
            let isAlphanumeric =
                (0x30...0x39).contains(next) || (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next)
            guard next < 0x80, !isAlphanumeric else { throw failure("invalid escape sequence", start..<index) }
            return next
        }
    }

    private static func hexValue(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x30...0x39: scalar - 0x30
        case 0x41...0x46: scalar - 0x41 + 10
        case 0x61...0x66: scalar - 0x61 + 10
        default: nil
        }
    }

    // MARK: - Classes

    /// ASCII POSIX classes, as RE2 defines them.
    private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A], "ascii": [0...0x7F],
        "blank": [0x09...0x09, 0x20...0x20], "cntrl": [0...0x1F, 0x7F...0x7F], "digit": [0x30...0x39],
        "graph": [0x21...0x7E], "lower": [0x61...0x7A], "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E], "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A], "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    private mutating func parseClass() throws(Failure) -> RegexNode {
        let start = index
        index += 1
        var set = RegexCharClass()
        if current == 0x5E {  // ^
            set.negated = true
            index += 1
        }
        var first = true
        while first || current != 0x5D {  // ]
            first = false
            guard let scalar = current else { throw failure("missing closing ]", start..<scalars.count) }
            if scalar == 0x5B, peek(at: index + 1) == 0x3A, let end = posixClassEnd() {  // [:name:]
                var name = text(index + 2..<end - 2)
                let negated = name.hasPrefix("^")
                if negated { name.removeFirst() }
                guard let ranges = Self.posixClasses[name] else {
                    throw failure("invalid character class range", index..<end)
                }
                set.add(ranges, negated: negated, foldCase: flags.foldCase)
                index = end
                continue
            }
            if try addClassEscape(into: &set) { continue }
            let rangeStart = index
            let low = try classScalar(classStart: start)
            var high = low
            if current == 0x2D, let next = peek(at: index + 1), next != 0x5D {  // - not before ]
                index += 1
                high = try classScalar(classStart: start)
                guard high >= low else { throw failure("invalid character class range", rangeStart..<index) }
            }
            set.add(low...high)
        }
        index += 1
        set.finish(foldCase: flags.foldCase)
        return .set(identified(set))
    }

    /// The index after `:]` when a `[:…:]` starts at the current position.
    private func posixClassEnd() -> Int? {
        var position = index + 2
        while position + 1 < scalars.count {
            if scalars[position] == 0x3A, scalars[position + 1] == 0x5D { return position + 2 }
            position += 1
        }
        return nil
    }

    private mutating func classScalar(classStart: Int) throws(Failure) -> UInt32 {
        guard let scalar = current else { throw failure("missing closing ]", classStart..<scalars.count) }
        if scalar == 0x5C { return try parseSingleEscape() }
        index += 1
        return scalar
    }
}
