import Foundation
import Hummingbird
import SteadyModel

/// Decides who the caller is and whether they may use a route.
///
/// Credentials: `Authorization: Bearer <secret>`, or the `steady_token` cookie set by `POST /login`. The cookie is
/// honoured on safe methods (GET, HEAD) only, so no cross-site form can use it to change anything; changes need the
/// bearer header.
struct AccessControl: Sendable {
    static let cookieName = "steady_token"

    let authenticator: TokenAuthenticator
    let anonymousRead: @Sendable () -> Bool

    /// The caller, or an ``APIError`` (401/403) when they may not use `route`.
    func authorize(_ request: Request, route: RouteSpec) async throws -> Caller {
        guard case .role(let required) = route.access else { return .anonymous }
        guard let secret = try credential(in: request) else {
            if required == .viewer, anonymousRead() { return .anonymous }
            throw APIError.unauthorized("a bearer token is required")
        }
        guard let token = try await authenticator.token(forSecret: secret) else {
            throw APIError.unauthorized("the token is invalid or has been revoked")
        }
        guard token.role >= required else {
            throw APIError.forbidden(
                "this needs the \(required.rawValue) role; token \"\(token.name)\" has \(token.role.rawValue)")
        }
        return .token(id: token.id, name: token.name, role: token.role)
    }

    /// The caller if the request carries a valid credential, anonymous otherwise (never throws for bad tokens).
    func identify(_ request: Request) async throws -> Caller {
        guard let secret = try? credential(in: request),
            let token = try await authenticator.token(forSecret: secret)
        else { return .anonymous }
        return .token(id: token.id, name: token.name, role: token.role)
    }

    /// The secret presented by the request, nil when none. Throws 401 for a malformed `Authorization` header.
    func credential(in request: Request) throws -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIError.unauthorized("the Authorization header must be \"Bearer <token>\"")
            }
            var token = parts[1]
            while token.first?.isWhitespace == true { token.removeFirst() }
            while token.last?.isWhitespace == true { token.removeLast() }
            return String(token)
        }
        guard request.method == .get || request.method == .head,
            let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty
        else { return nil }
        return cookie.removingPercentEncoding ?? cookie
    }
}
