/// A W3C Trace Context `traceparent` value: `version-traceid-parentid-flags`.
///
/// ```swift
/// let parent = TraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
/// parent?.traceID  // "4bf92f3577b34da6a3ce929d0e0e4736"
/// ```
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    /// The header name, `traceparent`.
    public static let headerName = "traceparent"

    /// The header value as received.
    public let value: String
    /// The 32-hex-digit trace ID.
    public let traceID: String
    /// The 16-hex-digit ID of the caller's span.
    public let parentID: String
    /// The two hex digits of the trace flags (`01` = sampled).
    public let flags: String

    /// Parses `00-<32 hex>-<16 hex>-<2 hex>` (lowercase). Later versions may append fields after the flags; the
    /// invalid version `ff` and all-zero IDs are refused.
    ///
    /// ```swift
    /// TraceParent("garbage")  // nil
    /// ```
    public init?(_ value: String) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4,
            parts[0].utf8.count == 2, parts[1].utf8.count == 32, parts[2].utf8.count == 16, parts[3].utf8.count == 2,
            parts.prefix(4).allSatisfy({ $0.utf8.allSatisfy(Self.isLowerHex) }),
            parts[0] != "ff",
            parts[0] != "00" || parts.count == 4,
            parts[1].utf8.contains(where: { $0 != UInt8(ascii: "0") }),
            parts[2].utf8.contains(where: { $0 != UInt8(ascii: "0") })
        else { return nil }
        self.value = value
        self.traceID = String(parts[1])
        self.parentID = String(parts[2])
        self.flags = String(parts[3])
    }

    /// The `traceparent` for a call this service makes: same trace and flags, `spanID` as the parent.
    ///
    /// ```swift
    /// outgoing.headers["traceparent"] = parent.child(spanID: "b7ad6b7169203331")
    /// ```
    public func child(spanID: String) -> String {
        "00-\(self.traceID)-\(spanID)-\(self.flags)"
    }

    /// The header value.
    public var description: String { self.value }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
