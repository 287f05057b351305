/// The parts of Prometheus's `http_config` a notifier uses: authentication, a timeout, TLS (`tls_config`),
/// redirects.
///
/// ```yaml
/// http_config:
///   basic_auth: { username: steady, password: s3cret }
///   follow_redirects: true
///   tls_config: { ca_file: hooks-ca.pem, server_name: hooks.internal }
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
    /// `tls_config`.
    public var tls: TLSSettings
    /// `tls_config.insecure_skip_verify`.
    public var insecureSkipVerify: Bool {
        get { tls.insecureSkipVerify }
        set { tls.insecureSkipVerify = newValue }
    }
    /// `proxy_url`, when set.
    public var proxyURL: String?

    public init(
        authorization: Authorization? = nil, timeout: Duration? = nil, followRedirects: Bool = true,
        insecureSkipVerify: Bool = false, proxyURL: String? = nil, tls: TLSSettings = TLSSettings()
    ) {
        self.authorization = authorization
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.tls = tls
        self.proxyURL = proxyURL
        if insecureSkipVerify { self.tls.insecureSkipVerify = true }
    }

    private enum CodingKeys: String, CodingKey {
        case authorization, timeout, followRedirects = "follow_redirects"
        case tls = "tls_config", proxyURL = "proxy_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(authorization, forKey: .authorization)
        try container.encodeIfPresent(timeout.map(PrometheusDuration.format), forKey: .timeout)
        try container.encode(followRedirects, forKey: .followRedirects)
        try container.encode(tls, forKey: .tls)
        try container.encodeIfPresent(proxyURL, forKey: .proxyURL)
    }
}
