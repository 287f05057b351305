public import Hummingbird
public import SteadyModel

/// Who may call a route.
public enum RouteAccess: Sendable, Hashable, CustomStringConvertible {
    /// No authentication at all (health, readiness, `/metrics`, login).
    case open
    /// A token whose role is at least this one. `.role(.viewer)` routes also admit callers without a token while
    /// anonymous read is on.
    case role(Role)

    public var description: String {
        switch self {
        case .open: "open"
        case .role(let role): role.rawValue
        }
    }
}

/// What a route answers with, which decides how an unauthenticated caller is turned away.
public enum RouteKind: Sendable, Hashable {
    /// JSON API: 401/403 as JSON errors.
    case api
    /// Plain text for machines (health, readiness, metrics).
    case text
    /// Dashboard HTML: a caller without a token is redirected (303) to `/login?next=…` instead of getting a 401.
    case page
}

/// One row of the route table: method, path (`:name` captures a segment), minimum access and kind.
///
/// The table is ``SteadyRoutes/all``; the router is built from it, so a test can walk every route.
public struct RouteSpec: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: RouteAccess
    public var kind: RouteKind

    public init(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, _ kind: RouteKind) {
        self.method = method
        self.path = path
        self.access = access
        self.kind = kind
    }

    public var description: String { "\(method.rawValue) \(path) [\(access)]" }

    /// Whether `requestPath` matches this route's path (segments compared one by one; `:x` matches any segment).
    public func matches(path requestPath: String) -> Bool {
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: true)
        guard pattern.count == actual.count else { return false }
        for (expected, found) in zip(pattern, actual) where !expected.hasPrefix(":") && expected != found {
            return false
        }
        return true
    }

    /// `path` with every `:capture` replaced by `value` (for tests and examples).
    public func samplePath(filling value: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map {
            $0.hasPrefix(":") ? value : String($0)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Steady's HTTP routes.
public enum SteadyRoutes {
    /// Every route the router serves, with its minimum access. The single source of truth for access control.
    public static var all: [RouteSpec] { RouteTable.routes.map(\.spec) }
}
