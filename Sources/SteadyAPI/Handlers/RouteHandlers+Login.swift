import Foundation
import Hummingbird
import Logging
import SteadyModel

/// The login form's fields.
struct LoginForm: Decodable, Sendable {
    var token: String?
    var next: String?
}

extension RouteHandlers {
    static let loginBodyLimit = 16 * 1024

    /// `GET /login?next=/path`.
    func loginForm(_ request: Request, _ context: SteadyRequestContext) -> Response {
        let next = Self.safeNext(QueryParameters(request).string("next"))
        return TextResponse.html(DashboardPages.login(next: next, error: nil))
    }

    /// `POST /login` (form: `token`, `next`) — validates the token and stores it in the `steady_token` cookie
    /// (HttpOnly, SameSite=Strict, Path=/, Secure when the request came over HTTPS), then 303 to `next`.
    /// A bad token re-renders the form with 401. Requests whose `Origin` names another host are refused (403).
    func login(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, authority: request.head.authority) {
            throw APIError.forbidden("cross-origin login refused")
        }
        let buffer = try await request.body.collect(upTo: Self.loginBodyLimit)
        let text = String(buffer: buffer)
        let form = (try? URLEncodedFormDecoder().decode(LoginForm.self, from: text)) ?? LoginForm()
        let next = Self.safeNext(form.next)
        let secret = (form.token ?? "").trimmingWhitespace()
        guard !secret.isEmpty, let token = try await authenticator.token(forSecret: secret) else {
            return TextResponse.html(
                DashboardPages.login(next: next, error: "That token is not valid."), status: .unauthorized)
        }
        context.logger.debug("dashboard login", metadata: ["token_id": .string(token.id)])
        var response = TextResponse.redirect(to: next)
        response.setCookie(Self.sessionCookie(value: percentEncode(secret), request: request, expire: false))
        return response
    }

    /// `GET /logout` — clears the cookie, 303 to `/login`.
    func logout(_ request: Request, _ context: SteadyRequestContext) -> Response {
        var response = TextResponse.redirect(to: "/login")
        response.setCookie(Self.sessionCookie(value: "", request: request, expire: true))
        return response
    }

    static func sessionCookie(value: String, request: Request, expire: Bool) -> Cookie {
        let secure =
            request.head.scheme == "https" || request.headers[.xForwardedProto]?.lowercased() == "https"
        return Cookie(
            name: AccessControl.cookieName, value: value, maxAge: expire ? 0 : nil, path: "/", secure: secure,
            httpOnly: true, sameSite: .strict)
    }

    /// A local path to go back to after login; `/` for anything else (absolute or scheme-relative URLs).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.utf8.count <= 2048,
            next.unicodeScalars.allSatisfy({ !$0.isControl && $0 != "\\" })
        else { return "/" }
        return next
    }

    /// Whether an `Origin` header names the host the request was sent to.
    static func isSameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let components = URLComponents(string: origin), let host = components.host else {
            return false
        }
        let originAuthority = components.port.map { "\(host):\($0)" } ?? host
        return originAuthority.lowercased() == authority.lowercased()
    }
}
