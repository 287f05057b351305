import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Testing

enum TestSupport {
    static var logger: Logger {
        var logger = Logger(label: "steady-hummingbird-tests")
        logger.logLevel = .critical
        return logger
    }

    static func json(_ body: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(object as? [String: Any])
    }

    static func string(_ body: ByteBuffer) -> String {
        String(decoding: body.readableBytesView, as: UTF8.self)
    }

    static func errorCode(_ body: ByteBuffer) throws -> String? {
        let error = try json(body)["error"] as? [String: Any]
        return error?["code"] as? String
    }

    static func field(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }
}
