import SQLKit
public import SteadyModel

extension SQLStore {
    private static let tokenTable = "api_tokens"
    private static let tokenColumns = ["id", "name", "role", "secret_hash", "created_ns", "last_used_ns"]

    /// Stores a new token.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/conflict`` when a token with the same id or secret
    ///   hash exists.
    public func insertToken(_ token: APIToken) async throws {
        try await withDatabase("insertToken") { database in
            try await database.insert(into: Self.tokenTable)
                .columns(Self.tokenColumns)
                .values(
                    token.id, token.name, token.role.rawValue, token.secretHash, token.createdAt.nanosecondsSinceEpoch,
                    token.lastUsedAt?.nanosecondsSinceEpoch
                )
                .run()
        }
    }

    /// The token whose secret hashes to `secretHash`, if any.
    public func token(secretHash: String) async throws -> APIToken? {
        try await withDatabase("token") { database in
            try await database.select().columns(Self.tokenColumns).from(Self.tokenTable)
                .where("secret_hash", .equal, secretHash)
                .first()
                .map(Self.token(from:))
        }
    }

    /// Every token, oldest first.
    public func tokens() async throws -> [APIToken] {
        try await withDatabase("tokens") { database in
            try await database.select().columns(Self.tokenColumns).from(Self.tokenTable)
                .orderBy("created_ns").orderBy("id")
                .all()
                .map(Self.token(from:))
        }
    }

    /// Deletes the token `id`; returns whether there was one.
    @discardableResult
    public func deleteToken(id: String) async throws -> Bool {
        try await withDatabase("deleteToken") { database in
            try await !database.delete(from: Self.tokenTable)
                .where("id", .equal, id)
                .returning("id")
                .all()
                .isEmpty
        }
    }

    /// Records that token `id` was used at `instant`. Does nothing when there is no such token (it may have been
    /// deleted while the request that used it was running).
    public func touchToken(id: String, at instant: WallInstant) async throws {
        try await withDatabase("touchToken") { database in
            try await database.update(Self.tokenTable)
                .set("last_used_ns", to: instant.nanosecondsSinceEpoch)
                .where("id", .equal, id)
                .run()
        }
    }

    private static func token(from row: any SQLRow) throws -> APIToken {
        let id = try row.decode(column: "id", as: String.self)
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else {
            throw StorageError.invalidData("token \(id) has an unknown role '\(roleText)'")
        }
        return APIToken(
            id: id,
            name: try row.decode(column: "name", as: String.self),
            role: role,
            secretHash: try row.decode(column: "secret_hash", as: String.self),
            createdAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "created_ns", as: Int64.self)),
            lastUsedAt: try row.decode(column: "last_used_ns", as: Int64?.self).map(WallInstant.init)
        )
    }
}
