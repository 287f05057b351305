/// A 1-based line and column (columns count Unicode scalars, as libyaml does).
struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    var line: Int
    var column: Int

    static let start = SourcePosition(line: 1, column: 1)

    static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.line < rhs.line || (lhs.line == rhs.line && lhs.column < rhs.column)
    }

    var description: String { "line \(line), column \(column)" }
}
