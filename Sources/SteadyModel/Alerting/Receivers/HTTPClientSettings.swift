/// The parts of Prometheus's `http_config` a notifier uses: authentication, a timeout, TLS verification, redirects.
///
/// ```yaml
/// http_config:
///   basic_auth: { username: steady, password: s3cret }
///   follow_redirects: true
/// ```
public struct HTTPClientSettings: Sendable, Equatable, Encodable {
    /// How requests authenticate.
    public enum Authorization: Sendable, Equatable, Encodable {
        /// `basic_auth`: `Authorization: Basic base64(username:password)`.
        case basic(username: String, password: Secret)
        /// `authorization` (`type` defaults to `Bearer`) or the older `bearer_token`: `Authorization: <type> <credentials>`.
        case credentials(type: String, credentials: Secret)
    }

    public var authorization: Authorization?
    /// Whole-request timeout (Steady's extension; Alertmanager 0.25 relies on the notification context).
    public var timeout: Duration?
    public var followRedirects: Bool
    /// `tls_config.insecure_skip_verify`.
    public var insecureSkipVerify: Bool
    /// `proxy_url`, when set.
    public var proxyURL: String?

    public init(
        authorization: Authorization? = nil, timeout: Duration? = nil, followRedirects: Bool = true,
        insecureSkipVerify: Bool = false, proxyURL: String? = nil
    ) {
        self.authorization = authorization
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.insecureSkipVerify = insecureSkipVerify
        self.proxyURL = proxyURL
    }

    private enum CodingKeys: String, CodingKey {
        case authorization, timeout, followRedirects = "follow_redirects"
        case insecureSkipVerify = "insecure_skip_verify", proxyURL = "proxy_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(authorization, forKey: .authorization)
        try container.encodeIfPresent(timeout.map(PrometheusDuration.format), forKey: .timeout)
        try container.encode(followRedirects, forKey: .followRedirects)
        try container.encode(insecureSkipVerify, forKey: .insecureSkipVerify)
        try container.encodeIfPresent(proxyURL, forKey: .proxyURL)
    }
}
