/// A stored API token. Only the SHA-256 hash of the secret is kept.
public struct APIToken: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var role: Role
    /// Lower-case hex SHA-256 of the secret.
    public var secretHash: String
    public var createdAt: WallInstant
    public var lastUsedAt: WallInstant?

    public init(
        id: String, name: String, role: Role, secretHash: String, createdAt: WallInstant, lastUsedAt: WallInstant? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
