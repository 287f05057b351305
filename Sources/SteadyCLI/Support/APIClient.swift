import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `--server` and `--token` for commands that talk to a running Steady.
struct APIOptions: ParsableArguments {
    @Option(name: .long, help: "Steady's base URL (env STEADY_URL).")
    var server: String = ProcessInfo.processInfo.environment["STEADY_URL"] ?? "http://127.0.0.1:4040"

    @Option(name: .long, help: "API token (env STEADY_TOKEN).")
    var token: String? = ProcessInfo.processInfo.environment["STEADY_TOKEN"]
}

/// A small JSON client for Steady's HTTP API.
struct APIClient {
    let options: APIOptions

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func get(_ path: String) async throws -> Data { try await send(.GET, path, body: nil) }

    func post(_ path: String, json: [String: Any]? = nil) async throws -> Data {
        let body = try json.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await send(.POST, path, body: body)
    }

    func delete(_ path: String) async throws -> Data { try await send(.DELETE, path, body: nil) }

    func getJSON(_ path: String) async throws -> Any {
        try JSONSerialization.jsonObject(with: try await get(path))
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?) async throws -> Data {
        let base = options.server.hasSuffix("/") ? String(options.server.dropLast()) : options.server
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token = options.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw Failure(description: "cannot reach Steady at \(options.server): \(error)")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let error = object["error"] as? [String: Any], let message = error["message"] as? String
            {
                throw Failure(description: "\(response.status.code): \(message)")
            }
            throw Failure(description: "HTTP \(response.status.code)")
        }
        return data
    }
}

extension String {
    /// Percent-encodes a path segment or query value.
    var urlEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? self
    }
}
