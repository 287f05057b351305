/// Turns `DecodingError`s into short messages a client can act on.
extension DecodingError {
    var clientMessage: String {
        switch self {
        case .typeMismatch(let type, let context):
            return "field '\(context.fieldPath)' must be \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            return "field '\(context.fieldPath)' must be \(Self.describe(type)), not null"
        case .keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "body is not valid JSON" }
            return "field '\(context.fieldPath)': \(context.debugDescription)"
        @unknown default:
            return "invalid body"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "a boolean"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        default: "a JSON object"
        }
    }
}

extension DecodingError.Context {
    fileprivate var fieldPath: String {
        codingPath.isEmpty ? "(body)" : codingPath.map(\.stringValue).joined(separator: ".")
    }
}
