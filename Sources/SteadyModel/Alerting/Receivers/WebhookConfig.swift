/// `webhook_configs` entry: POSTs Alertmanager's version 4 JSON payload.
///
/// ```yaml
/// webhook_configs:
///   - url: https://hooks.example.com/alerts
///     max_alerts: 20
///     hmac_secret: s3cret        # Steady: X-Steady-Signature: sha256=<hex HMAC of the body>
/// ```
public struct WebhookConfig: Sendable, Equatable, Encodable {
    /// The endpoint (a secret: webhook URLs often carry tokens).
    public var url: Secret
    public var sendResolved: Bool
    /// At most this many alerts per payload; 0 means all (the rest are counted in `truncatedAlerts`).
    public var maxAlerts: Int
    public var http: HTTPClientSettings
    /// Steady's extension: when set, the body is signed with HMAC-SHA256 in `X-Steady-Signature`.
    public var hmacSecret: Secret?

    public init(
        url: Secret, sendResolved: Bool = true, maxAlerts: Int = 0, http: HTTPClientSettings = HTTPClientSettings(),
        hmacSecret: Secret? = nil
    ) {
        self.url = url
        self.sendResolved = sendResolved
        self.maxAlerts = maxAlerts
        self.http = http
        self.hmacSecret = hmacSecret
    }

    private enum CodingKeys: String, CodingKey {
        case url, sendResolved = "send_resolved", maxAlerts = "max_alerts", http = "http_config"
        case hmacSecret = "hmac_secret"
    }
}
