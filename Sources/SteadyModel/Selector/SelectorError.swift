/// Why a vector selector did not parse. `offset` is the UTF-8 offset in the selector text.
///
/// ```swift
/// do { _ = try SeriesSelector(parsing: "up{job=}") } catch {
///     print(error.offset ?? -1, error) // 7 found "}", expected quoted string
/// }
/// ```
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case syntax(offset: Int, found: String, expected: String)
        case invalidRegex(pattern: String, reason: String, offset: Int?)
        case emptyMatchers
    }

    private let kind: Kind

    /// Something other than what the grammar allows was found at a UTF-8 offset.
    public static func syntax(offset: Int, found: String, expected: String) -> SelectorError {
        SelectorError(kind: .syntax(offset: offset, found: found, expected: expected))
    }

    /// A regular expression that does not compile (or uses syntax RE2 does not have).
    public static func invalidRegex(_ pattern: String, reason: String, offset: Int? = nil) -> SelectorError {
        SelectorError(kind: .invalidRegex(pattern: pattern, reason: reason, offset: offset))
    }

    /// A selector must have a metric name or at least one matcher that does not match the empty string.
    public static var emptyMatchers: SelectorError { SelectorError(kind: .emptyMatchers) }

    /// UTF-8 offset of the problem in the selector text, when known.
    public var offset: Int? {
        switch kind {
        case .syntax(let offset, _, _): offset
        case .invalidRegex(_, _, let offset): offset
        case .emptyMatchers: nil
        }
    }

    /// The same error located at `offset` (used to place a regex error at its string literal).
    func located(at offset: Int) -> SelectorError {
        if case .invalidRegex(let pattern, let reason, nil) = kind {
            return .invalidRegex(pattern, reason: reason, offset: offset)
        }
        return self
    }

    public var description: String {
        switch kind {
        case .syntax(let offset, let found, let expected): "offset \(offset): found \(found), expected \(expected)"
        case .invalidRegex(let pattern, let reason, let offset):
            (offset.map { "offset \($0): " } ?? "") + "invalid regular expression \"\(pattern)\": \(reason)"
        case .emptyMatchers:
            "vector selector must contain at least one non-empty matcher"
        }
    }
}
