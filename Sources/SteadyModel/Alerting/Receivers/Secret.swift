/// A configuration value that must never be printed: passwords, API keys, routing keys, webhook URLs with tokens.
///
/// Its description, debug description, reflection and JSON encoding are all `<secret>`, so a receiver configuration
/// can be logged or served by `/api/v2/status` without leaking anything (Alertmanager's `Secret`).
///
/// ```swift
/// let key = Secret("R0UTING-KEY")
/// print(key)          // <secret>
/// key.value           // "R0UTING-KEY"
/// ```
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable,
    Encodable, ExpressibleByStringLiteral
{
    /// The redacted rendering.
    public static let redacted = "<secret>"

    /// The secret itself; read it only to use it.
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(stringLiteral value: String) { self.value = value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { Self.redacted }
    public var debugDescription: String { Self.redacted }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Encodes `<secret>`, never the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.redacted)
    }
}
