/// `email_configs` entry: one message over SMTP (STARTTLS, AUTH PLAIN/LOGIN), `multipart/alternative` with a text
/// and an HTML part. Unset fields inherit the `global.smtp_*` settings. `tls_config` applies to STARTTLS and to
/// implicit TLS (port 465); its `server_name` defaults to the smarthost's host.
///
/// ```yaml
/// email_configs:
///   - to: oncall@example.com
///     smarthost: smtp.example.com:587
///     auth_username: steady
///     auth_password: s3cret
/// ```
public struct EmailConfig: Sendable, Equatable, Encodable {
    /// Comma-separated recipients (a template).
    public var to: String
    public var from: String
    /// The name sent with `EHLO`.
    public var hello: String
    /// `host:port` of the SMTP server.
    public var smarthost: String
    public var authUsername: String
    public var authPassword: Secret?
    /// `auth_secret` (CRAM-MD5 in Alertmanager; Steady does not offer CRAM-MD5 and reports it).
    public var authSecret: Secret?
    public var authIdentity: String
    /// Refuse to send without STARTTLS (default true).
    public var requireTLS: Bool
    /// `tls_config`.
    public var tls: TLSSettings
    /// `tls_config.insecure_skip_verify`.
    public var insecureSkipVerify: Bool {
        get { tls.insecureSkipVerify }
        set { tls.insecureSkipVerify = newValue }
    }
    /// Extra and overriding headers (values are templates); `Subject`, `To`, `From` defaults included.
    public var headers: [String: String]
    /// HTML body template; empty for none.
    public var html: String
    /// Plain-text body template; empty for none.
    public var text: String
    public var sendResolved: Bool
    /// Timeout for the whole SMTP conversation.
    public var timeout: Duration

    public init(
        to: String, from: String, hello: String = "localhost", smarthost: String, authUsername: String = "",
        authPassword: Secret? = nil, authSecret: Secret? = nil, authIdentity: String = "", requireTLS: Bool = true,
        insecureSkipVerify: Bool = false, headers: [String: String] = [:],
        html: String = #"{{ template "email.default.html" . }}"#,
        text: String = #"{{ template "email.default.text" . }}"#, sendResolved: Bool = false,
        timeout: Duration = .seconds(30), tls: TLSSettings = TLSSettings()
    ) {
        self.to = to
        self.from = from
        self.hello = hello
        self.smarthost = smarthost
        self.authUsername = authUsername
        self.authPassword = authPassword
        self.authSecret = authSecret
        self.authIdentity = authIdentity
        self.requireTLS = requireTLS
        self.tls = tls
        if insecureSkipVerify { self.tls.insecureSkipVerify = true }
        self.headers = headers
        self.html = html
        self.text = text
        self.sendResolved = sendResolved
        self.timeout = timeout
    }

    /// The headers under canonical names (`x-team` → `X-Team`) with Alertmanager's defaults filled in (`To`,
    /// `From`, `Subject`).
    public var effectiveHeaders: [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers { result[Self.canonicalHeaderName(name)] = value }
        if result["Subject"] == nil { result["Subject"] = #"{{ template "email.default.subject" . }}"# }
        if result["To"] == nil { result["To"] = to }
        if result["From"] == nil { result["From"] = from }
        return result
    }

    /// Go's `textproto.CanonicalMIMEHeaderKey`: `x-steady-team` → `X-Steady-Team`.
    public static func canonicalHeaderName(_ name: String) -> String {
        name.split(separator: "-", omittingEmptySubsequences: false).map { part in
            part.prefix(1).uppercased() + part.dropFirst().lowercased()
        }.joined(separator: "-")
    }

    private enum CodingKeys: String, CodingKey {
        case to, from, hello, smarthost, authUsername = "auth_username", authPassword = "auth_password"
        case authSecret = "auth_secret", authIdentity = "auth_identity", requireTLS = "require_tls"
        case tls = "tls_config", headers, html, text, sendResolved = "send_resolved"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(to, forKey: .to)
        try container.encode(from, forKey: .from)
        try container.encode(hello, forKey: .hello)
        try container.encode(smarthost, forKey: .smarthost)
        try container.encode(authUsername, forKey: .authUsername)
        try container.encodeIfPresent(authPassword, forKey: .authPassword)
        try container.encodeIfPresent(authSecret, forKey: .authSecret)
        try container.encode(authIdentity, forKey: .authIdentity)
        try container.encode(requireTLS, forKey: .requireTLS)
        try container.encode(tls, forKey: .tls)
        try container.encode(headers, forKey: .headers)
        try container.encode(html, forKey: .html)
        try container.encode(text, forKey: .text)
        try container.encode(sendResolved, forKey: .sendResolved)
    }
}
