import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes a JSON body, answering 400 with a useful message when it is missing or malformed.
    func decodeJSONBody<Value: Decodable>(as type: Value.Type, limit: Int = 64 * 1024) async throws -> Value {
        var request = self
        let buffer = try await request.collectBody(upTo: limit)
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("request body must be a JSON object")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest(error.clientMessage)
        }
    }
}
