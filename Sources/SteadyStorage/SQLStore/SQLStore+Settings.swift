import SQLKit
import SteadyModel

extension SQLStore {
    private static let settingTable = "settings"

    /// The value stored under `key`, if any.
    public func setting(_ key: String) async throws -> String? {
        try await withDatabase("setting") { database in
            try await database.select().column("value").from(Self.settingTable)
                .where("key", .equal, key)
                .first(decodingColumn: "value", as: String.self)
        }
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func setSetting(_ key: String, _ value: String) async throws {
        try await withDatabase("setSetting") { database in
            try await database.insert(into: Self.settingTable)
                .columns("key", "value")
                .values(key, value)
                .onConflict(with: "key") { $0.set(excludedValueOf: "value") }
                .run()
        }
    }
}
