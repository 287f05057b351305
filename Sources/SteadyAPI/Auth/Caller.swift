public import SteadyModel

/// Who sent a request.
public enum Caller: Sendable, Equatable {
    /// No token (admitted on viewer routes only when anonymous read is on, and on open routes).
    case anonymous
    /// A valid API token.
    case token(id: String, name: String, role: Role)

    /// The caller's role; nil for anonymous callers.
    public var role: Role? {
        if case .token(_, _, let role) = self { return role }
        return nil
    }

    /// The token's name; nil for anonymous callers.
    public var name: String? {
        if case .token(_, let name, _) = self { return name }
        return nil
    }

    /// The token's id; nil for anonymous callers.
    public var tokenID: String? {
        if case .token(let id, _, _) = self { return id }
        return nil
    }
}
