/// The parsed form of an RE2 pattern, as `RegexParser` builds it and `RegexProgram` compiles it.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One scalar, compared exactly.
    case scalar(UInt32)
    /// One scalar, compared under simple case folding (`(?i)`); the payload is the folded form.
    case foldedScalar(UInt32)
    /// One scalar from a class (`[a-z]`, `\d`, `\pL`, `.` without `s`).
    case set(RegexCharClass)
    /// Any scalar (`.` with the `s` flag, which Prometheus sets).
    case anyScalar
    /// A zero-width assertion (`^`, `$`, `\A`, `\z`, `\b`, `\B`).
    case assertion(RegexAssertion)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `min` to `max` repetitions; `max` nil is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Zero-width assertions RE2 knows.
enum RegexAssertion: Sendable, Hashable {
    /// `\A`, or `^` without the `m` flag.
    case beginText
    /// `\z`, or `$` without the `m` flag.
    case endText
    /// `^` with the `m` flag.
    case beginLine
    /// `$` with the `m` flag.
    case endLine
    /// `\b` (ASCII word characters, as in RE2).
    case wordBoundary
    /// `\B`.
    case notWordBoundary

    /// Whether the assertion holds between `previous` and `next` (nil at the ends of the text).
    func holds(previous: UInt32?, next: UInt32?) -> Bool {
        switch self {
        case .beginText: previous == nil
        case .endText: next == nil
        case .beginLine: previous == nil || previous == 0x0A
        case .endLine: next == nil || next == 0x0A
        case .wordBoundary: Self.isWord(previous) != Self.isWord(next)
        case .notWordBoundary: Self.isWord(previous) == Self.isWord(next)
        }
    }

    private static func isWord(_ scalar: UInt32?) -> Bool {
        guard let scalar else { return false }
        return (0x30...0x39).contains(scalar) || (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
            || scalar == 0x5F
    }
}
