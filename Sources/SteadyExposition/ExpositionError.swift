/// Why a scrape body did not parse: where (1-based line and column, counted in Unicode scalars) and what was found
/// instead of what was expected.
///
/// ```swift
/// do { _ = try ExpositionParser.parse("up{job=1} 1\n", contentType: nil) } catch {
///     print(error) // line 1, column 8: found "1", expected '"' (start of the label value)
/// }
/// ```
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case syntax(found: String, expected: String)
    }

    private let kind: Kind
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem, in Unicode scalars from the start of the line.
    public let column: Int

    private init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// Something other than what the format allows was found at `line:column`.
    public static func syntax(line: Int, column: Int, found: String, expected: String) -> ExpositionError {
        ExpositionError(kind: .syntax(found: found, expected: expected), line: line, column: column)
    }

    /// What was found, e.g. `"x"`, `end of input`, `newline`.
    public var found: String {
        switch kind {
        case .syntax(let found, _): found
        }
    }

    /// What the format allows at that place.
    public var expected: String {
        switch kind {
        case .syntax(_, let expected): expected
        }
    }

    public var description: String { "line \(line), column \(column): found \(found), expected \(expected)" }
}
