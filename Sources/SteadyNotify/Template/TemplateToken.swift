/// A position inside a template source.
struct TemplatePosition: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// Lexical items of Go's text/template syntax.
enum TemplateTokenKind: Sendable, Equatable {
    case text(String)
    case leftDelimiter
    case rightDelimiter
    /// `.A.B` (from dot); an empty path is `.` itself.
    case field([String])
    /// `.A` written directly after a term (`(x).A`, `$v.A` is lexed into ``variable``).
    case chain([String])
    /// `$name.A.B`; `$` alone has the name `$`.
    case variable(String, [String])
    case identifier(String)
    case keyword(String)
    case string(String)
    case number(String)
    case bool(Bool)
    case nilValue
    case pipe
    case leftParen
    case rightParen
    case declare
    case assign
    case comma
    case eof
}

struct TemplateToken: Sendable, Equatable {
    var kind: TemplateTokenKind
    var position: TemplatePosition
}
