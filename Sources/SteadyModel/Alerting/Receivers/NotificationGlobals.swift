/// The `global:` settings integrations inherit (Alertmanager 0.25 defaults). `resolve_timeout` lives in
/// ``AlertingConfiguration``.
public struct NotificationGlobals: Sendable, Equatable, Encodable {
    public var smtpFrom: String
    public var smtpHello: String
    public var smtpSmarthost: String
    public var smtpAuthUsername: String
    public var smtpAuthPassword: Secret?
    public var smtpAuthSecret: Secret?
    public var smtpAuthIdentity: String
    public var smtpRequireTLS: Bool
    public var slackAPIURL: Secret?
    public var pagerdutyURL: String
    /// `global.http_config`: the default for every HTTP integration.
    public var http: HTTPClientSettings

    public init(
        smtpFrom: String = "", smtpHello: String = "localhost", smtpSmarthost: String = "",
        smtpAuthUsername: String = "", smtpAuthPassword: Secret? = nil, smtpAuthSecret: Secret? = nil,
        smtpAuthIdentity: String = "", smtpRequireTLS: Bool = true, slackAPIURL: Secret? = nil,
        pagerdutyURL: String = "https://events.pagerduty.com/v2/enqueue", http: HTTPClientSettings = HTTPClientSettings()
    ) {
        self.smtpFrom = smtpFrom
        self.smtpHello = smtpHello
        self.smtpSmarthost = smtpSmarthost
        self.smtpAuthUsername = smtpAuthUsername
        self.smtpAuthPassword = smtpAuthPassword
        self.smtpAuthSecret = smtpAuthSecret
        self.smtpAuthIdentity = smtpAuthIdentity
        self.smtpRequireTLS = smtpRequireTLS
        self.slackAPIURL = slackAPIURL
        self.pagerdutyURL = pagerdutyURL
        self.http = http
    }

    private enum CodingKeys: String, CodingKey {
        case smtpFrom = "smtp_from", smtpHello = "smtp_hello", smtpSmarthost = "smtp_smarthost"
        case smtpAuthUsername = "smtp_auth_username", smtpAuthPassword = "smtp_auth_password"
        case smtpAuthSecret = "smtp_auth_secret", smtpAuthIdentity = "smtp_auth_identity"
        case smtpRequireTLS = "smtp_require_tls", slackAPIURL = "slack_api_url", pagerdutyURL = "pagerduty_url"
        case http = "http_config"
    }
}
