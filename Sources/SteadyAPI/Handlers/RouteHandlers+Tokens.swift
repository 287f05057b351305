import Hummingbird
import SteadyModel

extension RouteHandlers {
    static let tokenNameLength = 64

    /// `GET /api/v1/tokens` (admin) — oldest first, without secrets or hashes.
    func listTokens(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let tokens = try await deps.store.tokens().sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return try JSONResponse.make(TokenListBody(tokens: tokens.map(TokenBody.init)))
    }

    /// `POST /api/v1/tokens {"name","role"}` (admin) → 201 with the secret, shown only this once; only its SHA-256 is
    /// stored. Names are unique (409 otherwise).
    func createToken(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let body = try await context.requestDecoder.decode(NewTokenBody.self, from: request, context: context)
        let name = body.name.trimmingWhitespace()
        guard (1...Self.tokenNameLength).contains(name.count), !name.unicodeScalars.contains(where: \.isControl)
        else {
            throw APIError.badRequest("name must be 1–\(Self.tokenNameLength) characters without control characters")
        }
        guard let role = Role(rawValue: body.role) else {
            throw APIError.badRequest(
                "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if try await deps.store.tokens().contains(where: { $0.name == name }) {
            throw APIError.conflict("a token named \"\(name)\" already exists")
        }
        let secret = TokenSecrets.generate()
        let token = APIToken(
            id: TokenSecrets.randomID(prefix: "tok_", byteCount: 8), name: name, role: role,
            secretHash: TokenSecrets.hash(secret), createdAt: deps.clock.now)
        try await deps.store.insertToken(token)
        let created = CreatedTokenBody(
            id: token.id, name: token.name, role: role.rawValue, createdAt: Timestamp.format(token.createdAt),
            secret: secret)
        return try JSONResponse.make(created, status: .created)
    }

    /// `DELETE /api/v1/tokens/{id}` (admin) → 204; the token stops working at once.
    func deleteToken(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try context.pathParameter("id")
        guard try await deps.store.deleteToken(id: id) else {
            throw APIError.notFound("token \"\(id)\" not found")
        }
        authenticator.invalidate(tokenID: id)
        return Response(status: .noContent)
    }

    /// `GET /api/v1/whoami`.
    func whoAmI(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        let caller = context.caller
        return try JSONResponse.make(
            WhoAmIBody(
                authenticated: caller != .anonymous, name: caller.name, role: caller.role?.rawValue,
                tokenId: caller.tokenID))
    }
}
