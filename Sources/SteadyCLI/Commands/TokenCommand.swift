public import ArgumentParser
import Foundation
import Logging
import SteadyAPI
import SteadyConfig
public import SteadyModel
import SteadyServer
import SteadyStorage

/// `steady token create|list|revoke`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens (viewer, responder, admin). Secrets are shown once and stored hashed.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// Where tokens live: directly in the store of a config file, or through a running server's API.
    struct Target: ParsableArguments {
        @Option(name: .shortAndLong, help: "Use the store of this configuration file directly (no server needed).")
        var config: String?

        @OptionGroup var api: APIOptions
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")

        @Option(help: "viewer, responder or admin.")
        var role: Role

        @Option(help: "A name to recognise the token by.")
        var name: String = "cli"

        @OptionGroup var target: Target
        @OptionGroup var output: FormatOption

        func run() async throws {
            let id: String
            let secret: String
            if let config = target.config {
                let store = try await LocalStore.open(config: config)
                secret = TokenSecrets.generate()
                id = UUID.randomLowercased()
                do {
                    try await store.insertToken(
                        APIToken(
                            id: id, name: name, role: role, secretHash: TokenSecrets.hash(secret),
                            createdAt: SystemWallClock().now))
                    try await store.close()
                } catch {
                    try? await store.close()
                    throw error
                }
            } else {
                let data = try await APIClient(options: target.api).post(
                    "/api/v1/tokens", json: ["name": name, "role": role.rawValue])
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
                guard let created = object["secret"] as? String, let createdID = object["id"] as? String else {
                    throw APIClient.Failure(description: "unexpected response from the server")
                }
                secret = created
                id = createdID
            }
            switch output.format {
            case .json: try Output.printJSONObject(["id": id, "name": name, "role": role.rawValue, "secret": secret])
            case .table:
                print("Created \(role.rawValue) token \(name) (id \(id)). Store the secret now; it is not shown again:")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var target: Target
        @OptionGroup var output: FormatOption

        func run() async throws {
            var rows: [[String: String]] = []
            if let config = target.config {
                let store = try await LocalStore.open(config: config)
                let tokens = try await store.tokens()
                try await store.close()
                rows = tokens.map {
                    [
                        "id": $0.id, "name": $0.name, "role": $0.role.rawValue, "created": $0.createdAt.description,
                        "last_used": $0.lastUsedAt?.description ?? "",
                    ]
                }
            } else {
                let object = try await APIClient(options: target.api).getJSON("/api/v1/tokens")
                let list =
                    (object as? [String: Any])?["tokens"] as? [[String: Any]] ?? (object as? [[String: Any]] ?? [])
                rows = list.map { entry in entry.mapValues { "\($0)" } }
            }
            switch output.format {
            case .json: try Output.printJSONObject(rows)
            case .table:
                Output.printTable(
                    headers: ["ID", "NAME", "ROLE", "CREATED"],
                    rows: rows.map {
                        [$0["id"] ?? "", $0["name"] ?? "", $0["role"] ?? "", $0["created"] ?? $0["createdAt"] ?? ""]
                    })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a token by id.")

        @Argument(help: "Token id.")
        var id: String

        @OptionGroup var target: Target

        func run() async throws {
            if let config = target.config {
                let store = try await LocalStore.open(config: config)
                let deleted = try await store.deleteToken(id: id)
                try await store.close()
                guard deleted else {
                    Output.error("no token with id \(id)")
                    throw ExitCode(1)
                }
            } else {
                _ = try await APIClient(options: target.api).delete("/api/v1/tokens/\(id.urlEncoded)")
            }
            print("Revoked token \(id)")
        }
    }
}

extension Role: ExpressibleByArgument {}

/// Opens the store a configuration file points at, for offline admin commands.
enum LocalStore {
    static func open(config: String) async throws -> SQLStore {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigLoader().load(path: config)
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(1)
        }
        guard case .sqlite(let path) = loaded.configuration.storage.engine else {
            Output.error("only storage.sqlite can be opened directly; use --server with an admin token")
            throw ExitCode(1)
        }
        let store = try await SQLStore.openSQLite(path: path, logger: Logger(label: "steady.cli"))
        try await store.migrate()
        return store
    }
}
