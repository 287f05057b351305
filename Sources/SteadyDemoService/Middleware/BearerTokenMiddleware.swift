import Foundation
import HTTPTypes
import Hummingbird

/// Guards admin routes with `Authorization: Bearer <token>`: 401 without credentials, 403 with the wrong token, and
/// 403 for everyone when no token is configured.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let token, !token.isEmpty else {
            throw APIError.forbidden("the admin API is disabled: no admin token is configured")
        }
        guard let header = request.headers[.authorization], let presented = Self.bearerToken(in: header) else {
            throw APIError.unauthorized("missing bearer token")
        }
        guard Self.constantTimeEquals(presented, token) else {
            throw APIError.forbidden("invalid admin token")
        }
        return try await next(request, context)
    }

    static func bearerToken(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
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
