import Foundation
public import SteadyModel
import Yams

/// Reads the `receivers:` and `global:` sections of an Alertmanager 0.25 configuration into ``ReceiverConfig``s, as
/// Alertmanager accepts them: webhook, Slack, PagerDuty and email integrations with their defaults and the `global`
/// settings they inherit (`smtp_*`, `slack_api_url`, `pagerduty_url`, `http_config`), the `*_file` variants of
/// secrets (read at load time, relative to the configuration file), `tls_config` with its CA, client certificate and
/// key files (read at load time too), Alertmanager's validation messages, and Steady's
/// webhook extensions `hmac_secret` and `timeout`. Integrations Steady does not deliver to (`opsgenie_configs`, …)
/// are accepted with a warning. Errors carry `file:line:column`.
///
/// ```swift
/// let parsed = try ReceiverParser.parseAlertmanagerConfig(yaml: text, file: "alertmanager.yml")
/// parsed.receivers.first?.webhookConfigs.first?.url   // <secret>
/// ```
public enum ReceiverParser {
    /// Integration sections Alertmanager 0.25 accepts that Steady does not deliver to.
    static let unsupportedIntegrations = [
        "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs",
        "telegram_configs", "webex_configs", "discord_configs",
    ]
    static let receiverKeys =
        ["name", "webhook_configs", "slack_configs", "pagerduty_configs", "email_configs"] + unsupportedIntegrations

    static let globalKeys = [
        "resolve_timeout", "http_config", "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username",
        "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity", "smtp_require_tls",
        "slack_api_url", "slack_api_url_file", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key",
        "opsgenie_api_key_file", "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id", "victorops_api_url",
        "victorops_api_key", "victorops_api_key_file", "telegram_api_url", "webex_api_url",
    ]

    /// The result of reading a whole configuration file.
    public struct Parsed: Sendable, Equatable {
        public var global: NotificationGlobals
        public var receivers: [ReceiverConfig]
        /// Accepted but ignored settings (unsupported integrations, proxies, OAuth 2.0).
        public var warnings: [ConfigDiagnostic]
    }

    /// Reads `global` and `receivers` of an Alertmanager configuration file (other sections are not looked at).
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> Parsed {
        var reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root, let mapping = root.mapping else { throw reader.failure("expected a mapping", at: root) }
        let global = try parseGlobal(mapping["global"], reader: &reader)
        let receivers = try parse(mapping["receivers"], reader: &reader, global: global)
        return Parsed(global: global, receivers: receivers, warnings: reader.warnings)
    }

    /// `global:` (nil: Alertmanager's defaults). `resolve_timeout` is accepted here and read by the alerting parser.
    static func parseGlobal(_ node: Node?, reader: inout YAMLNodeReader) throws(ConfigError) -> NotificationGlobals {
        var global = NotificationGlobals()
        guard let node, !ReceiverFields.isNull(node) else { return global }
        let fields = try ReceiverFields(node, path: "global", allowed: globalKeys, reader: reader)
        if let http = fields.node("http_config") {
            global.http = try httpSettings(http, path: "global.http_config", reader: &reader)
        }
        global.smtpFrom = try fields.string("smtp_from", reader: reader) ?? global.smtpFrom
        global.smtpHello = try fields.string("smtp_hello", reader: reader) ?? global.smtpHello
        if let smarthost = try fields.string("smtp_smarthost", reader: reader) {
            try checkHostPort(smarthost, "global.smtp_smarthost", fields.node("smtp_smarthost"), reader: reader)
            global.smtpSmarthost = smarthost
        }
        global.smtpAuthUsername = try fields.string("smtp_auth_username", reader: reader) ?? ""
        global.smtpAuthPassword = try fields.secret(
            "smtp_auth_password", file: "smtp_auth_password_file", reader: reader)
        global.smtpAuthSecret = try fields.secret("smtp_auth_secret", file: nil, reader: reader)
        global.smtpAuthIdentity = try fields.string("smtp_auth_identity", reader: reader) ?? ""
        global.smtpRequireTLS = try fields.bool("smtp_require_tls", reader: reader) ?? true
        if let url = try fields.secret("slack_api_url", file: "slack_api_url_file", reader: reader) {
            try checkURL(url.value, "global.slack_api_url", fields.node("slack_api_url"), secret: true, reader: reader)
            global.slackAPIURL = url
        }
        if let url = try fields.string("pagerduty_url", reader: reader) {
            try checkURL(url, "global.pagerduty_url", fields.node("pagerduty_url"), secret: false, reader: reader)
            global.pagerdutyURL = url
        }
        return global
    }

    /// `receivers:` (nil: none), with integrations inheriting from `global`.
    static func parse(
        _ node: Node?, reader: inout YAMLNodeReader, global: NotificationGlobals
    ) throws(ConfigError)
        -> [ReceiverConfig]
    {
        guard let node, !ReceiverFields.isNull(node) else { return [] }
        guard let sequence = node.sequence else { throw reader.failure("receivers: expected a list", at: node) }
        var names: Set<String> = []
        var result: [ReceiverConfig] = []
        for (index, item) in sequence.enumerated() {
            let path = "receivers[\(index)]"
            let fields = try ReceiverFields(item, path: path, allowed: receiverKeys, reader: reader)
            guard let name = try fields.string("name", reader: reader), !name.isEmpty else {
                throw reader.failure("\(path): missing name in receiver", at: item)
            }
            guard names.insert(name).inserted else {
                throw reader.failure(
                    "\(path): notification config name \"\(name)\" is not unique", at: fields.node("name"))
            }
            var receiver = ReceiverConfig(name: name)
            receiver.webhookConfigs = try list(fields, "webhook_configs", path, reader: &reader) {
                (node, path, reader) throws(ConfigError) in
                try webhook(node, path: path, global: global, reader: &reader)
            }
            receiver.slackConfigs = try list(fields, "slack_configs", path, reader: &reader) {
                (node, path, reader) throws(ConfigError) in try slack(node, path: path, global: global, reader: &reader)
            }
            receiver.pagerdutyConfigs = try list(fields, "pagerduty_configs", path, reader: &reader) {
                (node, path, reader) throws(ConfigError) in
                try pagerDuty(node, path: path, global: global, reader: &reader)
            }
            receiver.emailConfigs = try list(fields, "email_configs", path, reader: &reader) {
                (node, path, reader) throws(ConfigError) in try email(node, path: path, global: global, reader: &reader)
            }
            for key in unsupportedIntegrations where fields.has(key) {
                guard fields.node(key)?.sequence != nil else {
                    throw reader.failure("\(path).\(key): expected a list", at: fields.node(key))
                }
                receiver.unsupportedIntegrations.append(key)
                reader.warn(
                    "\(path).\(key): Steady does not deliver to this integration; it is ignored",
                    at: fields.keyNodes[key])
            }
            result.append(receiver)
        }
        return result
    }

    private static func list<T>(
        _ fields: ReceiverFields, _ key: String, _ path: String, reader: inout YAMLNodeReader,
        _ parse: (Node, String, inout YAMLNodeReader) throws(ConfigError) -> T
    ) throws(ConfigError) -> [T] {
        guard let node = fields.node(key) else { return [] }
        guard let sequence = node.sequence else { throw reader.failure("\(path).\(key): expected a list", at: node) }
        var result: [T] = []
        for (index, item) in sequence.enumerated() {
            result.append(try parse(item, "\(path).\(key)[\(index)]", &reader))
        }
        return result
    }

    // MARK: - Integrations

    static func webhook(
        _ node: Node, path: String, global: NotificationGlobals, reader: inout YAMLNodeReader
    )
        throws(ConfigError) -> WebhookConfig
    {
        let fields = try ReceiverFields(
            node, path: path,
            allowed: ["send_resolved", "http_config", "url", "url_file", "max_alerts", "hmac_secret", "timeout"],
            reader: reader)
        guard let url = try fields.secret("url", file: "url_file", reader: reader) else {
            throw reader.failure("\(path): missing URL in webhook config", at: node)
        }
        try checkURL(url.value, "\(path).url", fields.node("url") ?? node, secret: true, reader: reader)
        var config = WebhookConfig(url: url)
        config.sendResolved = try fields.bool("send_resolved", reader: reader) ?? true
        config.maxAlerts = try fields.nonNegativeInt("max_alerts", reader: reader) ?? 0
        config.http =
            try fields.node("http_config").map { (http) throws(ConfigError) in
                try httpSettings(http, path: "\(path).http_config", reader: &reader)
            } ?? global.http
        if let timeout = try fields.duration("timeout", reader: reader) {
            guard timeout > .zero else {
                throw reader.failure("\(path).timeout: must be greater than 0", at: fields.node("timeout"))
            }
            config.http.timeout = timeout
        }
        config.hmacSecret = try fields.secret("hmac_secret", file: nil, reader: reader)
        if config.hmacSecret?.isEmpty == true {
            throw reader.failure("\(path).hmac_secret: must not be empty", at: fields.node("hmac_secret"))
        }
        return config
    }

    static func slack(
        _ node: Node, path: String, global: NotificationGlobals, reader: inout YAMLNodeReader
    )
        throws(ConfigError) -> SlackConfig
    {
        let fields = try ReceiverFields(
            node, path: path,
            allowed: [
                "send_resolved", "http_config", "api_url", "api_url_file", "channel", "username", "color", "title",
                "title_link", "pretext", "text", "fields", "short_fields", "footer", "fallback", "callback_id",
                "icon_emoji", "icon_url", "image_url", "thumb_url", "link_names", "mrkdwn_in", "actions",
            ], reader: reader)
        let inline = try fields.secret("api_url", file: "api_url_file", reader: reader)
        if let inline, fields.has("api_url") {
            try checkURL(inline.value, "\(path).api_url", fields.node("api_url"), secret: true, reader: reader)
        }
        guard let url = inline ?? global.slackAPIURL else {
            throw reader.failure("\(path): no global Slack API URL set either inline or in a file", at: node)
        }
        var config = SlackConfig(apiURL: url)
        config.sendResolved = try fields.bool("send_resolved", reader: reader) ?? false
        config.http =
            try fields.node("http_config").map { (http) throws(ConfigError) in
                try httpSettings(http, path: "\(path).http_config", reader: &reader)
            } ?? global.http
        let templated: [(String, WritableKeyPath<SlackConfig, String>)] = [
            ("channel", \.channel), ("username", \.username), ("color", \.color), ("title", \.title),
            ("title_link", \.titleLink), ("pretext", \.pretext), ("text", \.text), ("footer", \.footer),
            ("fallback", \.fallback), ("callback_id", \.callbackID), ("icon_emoji", \.iconEmoji),
            ("icon_url", \.iconURL), ("image_url", \.imageURL), ("thumb_url", \.thumbURL),
        ]
        for (key, keyPath) in templated {
            if let value = try fields.string(key, reader: reader) {
                config[keyPath: keyPath] = value
                checkTemplate(value, "\(path).\(key)", fields.node(key), reader: &reader)
            }
        }
        config.linkNames = try fields.bool("link_names", reader: reader) ?? false
        config.shortFields = try fields.bool("short_fields", reader: reader) ?? false
        if let markdown = try fields.stringList("mrkdwn_in", reader: reader) { config.markdownIn = markdown }
        if let list = fields.node("fields") {
            guard let sequence = list.sequence else {
                throw reader.failure("\(path).fields: expected a list", at: list)
            }
            for (index, item) in sequence.enumerated() {
                let fieldPath = "\(path).fields[\(index)]"
                let field = try ReceiverFields(
                    item, path: fieldPath, allowed: ["title", "value", "short"], reader: reader)
                guard let title = try field.string("title", reader: reader), !title.isEmpty else {
                    throw reader.failure("\(fieldPath): missing title in Slack field configuration", at: item)
                }
                guard let value = try field.string("value", reader: reader), !value.isEmpty else {
                    throw reader.failure("\(fieldPath): missing value in Slack field configuration", at: item)
                }
                config.fields.append(
                    SlackField(title: title, value: value, short: try field.bool("short", reader: reader)))
            }
        }
        if fields.has("actions") {
            reader.warn("\(path).actions: Slack actions are not sent by Steady; ignored", at: fields.node("actions"))
        }
        return config
    }

    static func pagerDuty(
        _ node: Node, path: String, global: NotificationGlobals, reader: inout YAMLNodeReader
    )
        throws(ConfigError) -> PagerDutyConfig
    {
        let fields = try ReceiverFields(
            node, path: path,
            allowed: [
                "send_resolved", "http_config", "service_key", "service_key_file", "routing_key", "routing_key_file",
                "url", "client", "client_url", "description", "details", "images", "links", "source", "severity",
                "class", "component", "group",
            ], reader: reader)
        let routingKey = try fields.secret("routing_key", file: "routing_key_file", reader: reader)
        let serviceKey = try fields.secret("service_key", file: "service_key_file", reader: reader)
        guard routingKey != nil || serviceKey != nil else {
            throw reader.failure("\(path): missing service or routing key in PagerDuty config", at: node)
        }
        var config = PagerDutyConfig(routingKey: routingKey, serviceKey: serviceKey, url: global.pagerdutyURL)
        if let url = try fields.string("url", reader: reader) {
            try checkURL(url, "\(path).url", fields.node("url"), secret: false, reader: reader)
            config.url = url
        }
        config.sendResolved = try fields.bool("send_resolved", reader: reader) ?? true
        config.http =
            try fields.node("http_config").map { (http) throws(ConfigError) in
                try httpSettings(http, path: "\(path).http_config", reader: &reader)
            } ?? global.http
        let templated: [(String, WritableKeyPath<PagerDutyConfig, String>)] = [
            ("client", \.client), ("client_url", \.clientURL), ("description", \.description),
            ("severity", \.severity), ("source", \.source), ("class", \.class), ("component", \.component),
            ("group", \.group),
        ]
        for (key, keyPath) in templated {
            if let value = try fields.string(key, reader: reader) {
                config[keyPath: keyPath] = value
                checkTemplate(value, "\(path).\(key)", fields.node(key), reader: &reader)
            }
        }
        if let details = try fields.stringMap("details", reader: reader) {
            // Alertmanager adds its default details under the keys the user did not set.
            config.details.merge(details) { _, user in user }
            for (key, value) in details {
                checkTemplate(value, "\(path).details.\(key)", fields.node("details"), reader: &reader)
            }
        }
        for key in ["images", "links"] where fields.has(key) {
            reader.warn("\(path).\(key): PagerDuty \(key) are not sent by Steady; ignored", at: fields.node(key))
        }
        return config
    }

    static func email(
        _ node: Node, path: String, global: NotificationGlobals, reader: inout YAMLNodeReader
    )
        throws(ConfigError) -> EmailConfig
    {
        let fields = try ReceiverFields(
            node, path: path,
            allowed: [
                "send_resolved", "to", "from", "hello", "smarthost", "auth_username", "auth_password",
                "auth_password_file", "auth_secret", "auth_identity", "headers", "html", "text", "require_tls",
                "tls_config",
            ], reader: reader)
        guard let to = try fields.string("to", reader: reader), !to.isEmpty else {
            throw reader.failure("\(path): missing to address in email config", at: node)
        }
        var headers: [String: String] = [:]
        for (name, value) in try fields.stringMap("headers", reader: reader) ?? [:] {
            let canonical = EmailConfig.canonicalHeaderName(name)
            guard headers[canonical] == nil else {
                throw reader.failure(
                    "\(path).headers: duplicate header \"\(canonical)\" in email config", at: fields.node("headers"))
            }
            headers[canonical] = value
            checkTemplate(value, "\(path).headers.\(canonical)", fields.node("headers"), reader: &reader)
        }
        let smarthost = try fields.string("smarthost", reader: reader) ?? global.smtpSmarthost
        guard !smarthost.isEmpty else { throw reader.failure("\(path): no global SMTP smarthost set", at: node) }
        try checkHostPort(smarthost, "\(path).smarthost", fields.node("smarthost") ?? node, reader: reader)
        let from = try fields.string("from", reader: reader) ?? global.smtpFrom
        guard !from.isEmpty else { throw reader.failure("\(path): no global SMTP from set", at: node) }
        var config = EmailConfig(to: to, from: from, smarthost: smarthost)
        config.headers = headers
        config.hello = try fields.string("hello", reader: reader) ?? global.smtpHello
        config.authUsername = try fields.string("auth_username", reader: reader) ?? global.smtpAuthUsername
        config.authPassword =
            try fields.secret("auth_password", file: "auth_password_file", reader: reader) ?? global.smtpAuthPassword
        config.authSecret = try fields.secret("auth_secret", file: nil, reader: reader) ?? global.smtpAuthSecret
        config.authIdentity = try fields.string("auth_identity", reader: reader) ?? global.smtpAuthIdentity
        config.requireTLS = try fields.bool("require_tls", reader: reader) ?? global.smtpRequireTLS
        config.sendResolved = try fields.bool("send_resolved", reader: reader) ?? false
        if let html = try fields.string("html", reader: reader) {
            config.html = html
            checkTemplate(html, "\(path).html", fields.node("html"), reader: &reader)
        }
        if let text = try fields.string("text", reader: reader) {
            config.text = text
            checkTemplate(text, "\(path).text", fields.node("text"), reader: &reader)
        }
        if let tls = fields.node("tls_config") {
            config.tls = try tlsSettings(tls, path: "\(path).tls_config", reader: &reader)
        }
        return config
    }

    // MARK: - Shared pieces

    /// Prometheus's `http_config` (the parts a notifier uses; others are accepted as Prometheus accepts them).
    static func httpSettings(
        _ node: Node, path: String, reader: inout YAMLNodeReader
    ) throws(ConfigError)
        -> HTTPClientSettings
    {
        let fields = try ReceiverFields(
            node, path: path,
            allowed: [
                "basic_auth", "authorization", "bearer_token", "bearer_token_file", "oauth2", "tls_config",
                "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "follow_redirects",
                "enable_http2",
            ], reader: reader)
        var settings = HTTPClientSettings()
        let schemes = ["basic_auth", "authorization", "bearer_token", "bearer_token_file", "oauth2"].filter(fields.has)
        if schemes.count > 1 {
            throw reader.failure(
                "\(path): at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured",
                at: node)
        }
        if fields.has("oauth2") {
            reader.warn(
                "\(path).oauth2: OAuth 2.0 client credentials are not supported by Steady yet; requests are sent without them",
                at: fields.node("oauth2"))
        }
        if let basic = fields.node("basic_auth") {
            let auth = try ReceiverFields(
                basic, path: "\(path).basic_auth", allowed: ["username", "username_file", "password", "password_file"],
                reader: reader)
            let username = try auth.secret("username", file: "username_file", reader: reader)?.value ?? ""
            let password = try auth.secret("password", file: "password_file", reader: reader) ?? Secret("")
            settings.authorization = .basic(username: username, password: password)
        }
        if let authorization = fields.node("authorization") {
            let auth = try ReceiverFields(
                authorization, path: "\(path).authorization", allowed: ["type", "credentials", "credentials_file"],
                reader: reader)
            let type = try auth.string("type", reader: reader) ?? "Bearer"
            if type.lowercased() == "basic" {
                throw reader.failure(
                    "\(path).authorization: authorization type cannot be set to \"basic\", use \"basic_auth\" instead",
                    at: authorization)
            }
            let credentials = try auth.secret("credentials", file: "credentials_file", reader: reader) ?? Secret("")
            settings.authorization = .credentials(type: type.isEmpty ? "Bearer" : type, credentials: credentials)
        }
        if let token = try fields.secret("bearer_token", file: "bearer_token_file", reader: reader) {
            settings.authorization = .credentials(type: "Bearer", credentials: token)
        }
        settings.followRedirects = try fields.bool("follow_redirects", reader: reader) ?? true
        _ = try fields.bool("enable_http2", reader: reader)
        _ = try fields.bool("proxy_from_environment", reader: reader)
        if let proxy = try fields.string("proxy_url", reader: reader) {
            try checkURL(proxy, "\(path).proxy_url", fields.node("proxy_url"), secret: false, reader: reader)
            settings.proxyURL = proxy
            reader.warn(
                "\(path).proxy_url: proxies are not used by Steady's notifiers yet; ignored",
                at: fields.node("proxy_url"))
        }
        if let tls = fields.node("tls_config") {
            settings.tls = try tlsSettings(tls, path: "\(path).tls_config", reader: &reader)
        }
        return settings
    }

    /// An absolute http(s) URL, with Alertmanager's messages. Secret URLs are not echoed.
    static func checkURL(
        _ text: String, _ path: String, _ node: Node?, secret: Bool, reader: YAMLNodeReader
    )
        throws(ConfigError)
    {
        let url = URL(string: text)
        let scheme = url?.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            throw reader.failure("\(path): unsupported scheme \"\(scheme)\" for URL", at: node)
        }
        guard let host = url?.host, !host.isEmpty else {
            throw reader.failure("\(path): missing host for URL", at: node)
        }
    }

    static func checkHostPort(_ text: String, _ path: String, _ node: Node?, reader: YAMLNodeReader) throws(ConfigError)
    {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
            let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port)
        else {
            throw reader.failure("\(path): address \(text): missing port in address", at: node)
        }
    }

    /// Alertmanager only finds template mistakes when it sends; Steady loads the configuration just the same (it
    /// accepts what Alertmanager accepts) but warns about an action that is never closed. The full parse happens in
    /// the notifier module (`TemplateSet.validate`).
    static func checkTemplate(_ text: String, _ path: String, _ node: Node?, reader: inout YAMLNodeReader) {
        var open = false
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{") {
                open = true
                index = text.index(index, offsetBy: 2)
            } else if rest.hasPrefix("}}") {
                open = false
                index = text.index(index, offsetBy: 2)
            } else {
                index = text.index(after: index)
            }
        }
        if open {
            reader.warn("\(path): template has an unclosed action (missing \"}}\"); sending will fail", at: node)
        }
    }
}
