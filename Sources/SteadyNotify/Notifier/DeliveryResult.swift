/// The outcome of one delivery attempt, classified for the outbox: delivered, try again later, or give up.
///
/// ```swift
/// let result = await notifier.send(attempt)
/// switch result.kind {
/// case .delivered: markDelivered()
/// case .retryable: scheduleRetry(notBefore: result.retryAfter)
/// case .permanent: markFailed(result.message)
/// }
/// ```
public struct DeliveryResult: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// 2xx, or the SMTP server accepted the message.
        case delivered
        /// 5xx, 429, timeouts, connection failures, SMTP 4xx replies: try again later.
        case retryable
        /// Other 4xx, SMTP 5xx replies, an invalid configuration or template: retrying will not help.
        case permanent
    }

    public var kind: Kind
    /// HTTP status or SMTP reply code, when the server answered.
    public var status: Int?
    /// The receiver's `Retry-After`, as a hint for the next attempt (never shorter than the backoff should be).
    public var retryAfter: Duration?
    /// A short human explanation (the start of the response body, the SMTP reply, the error). Never holds secrets.
    public var message: String

    public init(kind: Kind, status: Int? = nil, retryAfter: Duration? = nil, message: String = "") {
        self.kind = kind
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
    }

    public static func delivered(status: Int?, message: String = "") -> DeliveryResult {
        DeliveryResult(kind: .delivered, status: status, message: message)
    }

    public static func retryable(_ message: String, status: Int? = nil, retryAfter: Duration? = nil) -> DeliveryResult
    {
        DeliveryResult(kind: .retryable, status: status, retryAfter: retryAfter, message: message)
    }

    public static func permanent(_ message: String, status: Int? = nil) -> DeliveryResult {
        DeliveryResult(kind: .permanent, status: status, message: message)
    }

    public var description: String {
        var text = kind.rawValue
        if let status { text += " (\(status))" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}
