/// The result of one delivery attempt of an outbox item.
struct DeliveryOutcome: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case delivered
        /// 5xx, 429, timeouts, connection failures: try again later.
        case retryable
        /// 4xx, an unknown receiver or integration: give up.
        case permanent
    }

    var kind: Kind
    /// HTTP status or SMTP reply code, when there was one.
    var status: Int?
    var message: String?
    /// The receiver asked to wait this long (Retry-After).
    var retryAfter: Duration?

    static func delivered(status: Int?) -> DeliveryOutcome { DeliveryOutcome(kind: .delivered, status: status) }
}
