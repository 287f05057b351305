import SteadyModel

/// A token as listed (never with its secret or hash).
struct TokenBody: Codable, Sendable {
    var id: String
    var name: String
    var role: String
    var createdAt: String
    var lastUsedAt: String?

    init(_ token: APIToken) {
        id = token.id
        name = token.name
        role = token.role.rawValue
        createdAt = Timestamp.format(token.createdAt)
        lastUsedAt = token.lastUsedAt.map(Timestamp.format)
    }
}

struct TokenListBody: Codable, Sendable {
    var tokens: [TokenBody]
}

/// `POST /api/v1/tokens` request.
struct NewTokenBody: Codable, Sendable {
    var name: String
    var role: String
}

/// `POST /api/v1/tokens` response: the only time the secret is shown.
struct CreatedTokenBody: Codable, Sendable {
    var id: String
    var name: String
    var role: String
    var createdAt: String
    var secret: String
}

/// `GET /api/v1/whoami`.
struct WhoAmIBody: Codable, Sendable {
    var authenticated: Bool
    var name: String?
    var role: String?
    var tokenId: String?
}

/// `GET /api/v1/status`.
struct StatusBody: Codable, Sendable {
    var version: String
    var startedAt: String
    var uptimeSeconds: Double
    var ready: Bool
    var anonymousRead: Bool
}

/// `POST /-/reload`.
struct MessageBody: Codable, Sendable {
    var message: String
}
