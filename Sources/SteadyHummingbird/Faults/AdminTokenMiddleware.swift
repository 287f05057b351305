import HTTPTypes
public import Hummingbird

/// Guards admin routes with `Authorization: Bearer <token>`: 401 (with `WWW-Authenticate: Bearer`) without
/// credentials, 403 with a wrong token, and 403 for everyone when no token is configured — so an admin route is
/// never open by accident. Tokens are compared in constant time.
///
/// ```swift
/// let admin = router.group("/admin").add(middleware: AdminTokenMiddleware(token: configuration.adminToken))
/// ```
public struct AdminTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    /// Creates the middleware; a nil or empty `token` disables the guarded routes.
    ///
    /// ```swift
    /// let guardMiddleware = AdminTokenMiddleware<BasicRequestContext>(token: "s3cret")
    /// ```
    public init(token: String?) {
        self.token = token
    }

    /// Checks the bearer token.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token, !token.isEmpty else {
            throw ResilienceHTTPError(
                status: .forbidden, code: "forbidden",
                message: "the admin API is disabled: no admin token is configured")
        }
        guard let header = request.headers[.authorization], let presented = Self.bearerToken(in: header) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer"
            throw ResilienceHTTPError(
                status: .unauthorized, code: "unauthorized", message: "missing bearer token", headers: headers)
        }
        guard Self.constantTimeEquals(presented, token) else {
            throw ResilienceHTTPError(status: .forbidden, code: "forbidden", message: "invalid admin token")
        }
        return try await next(request, context)
    }

    static func bearerToken(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].drop(while: { $0 == " " })
        let trimmed = token.reversed().drop(while: { $0 == " " }).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// Compares without an early exit, so response timing does not reveal how much of the token matched.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
