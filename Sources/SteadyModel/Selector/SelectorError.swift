/// Why a vector selector did not parse. `offset` is the UTF-8 offset in the selector text.
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case syntax(offset: Int, found: String, expected: String)
        case invalidRegex(pattern: String, reason: String)
        case emptyMatchers
    }

    private let kind: Kind

    public static func syntax(offset: Int, found: String, expected: String) -> SelectorError {
        SelectorError(kind: .syntax(offset: offset, found: found, expected: expected))
    }

    public static func invalidRegex(_ pattern: String, reason: String) -> SelectorError {
        SelectorError(kind: .invalidRegex(pattern: pattern, reason: reason))
    }

    /// A selector must have a metric name or at least one matcher that does not match the empty string.
    public static var emptyMatchers: SelectorError { SelectorError(kind: .emptyMatchers) }

    /// UTF-8 offset of the problem in the selector text, when known.
    public var offset: Int? {
        if case .syntax(let offset, _, _) = kind { return offset }
        return nil
    }

    public var description: String {
        switch kind {
        case .syntax(_, let found, let expected): "found \(found), expected \(expected)"
        case .invalidRegex(let pattern, let reason): "invalid regular expression \"\(pattern)\": \(reason)"
        case .emptyMatchers:
            "vector selector must contain at least one non-empty matcher"
        }
    }
}
