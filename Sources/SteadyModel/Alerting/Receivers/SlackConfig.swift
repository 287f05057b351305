/// `slack_configs` entry: an incoming-webhook message with one attachment. Text fields are templates.
///
/// Defaults are Alertmanager's: title `{{ template "slack.default.title" . }}` (`[FIRING:1] HighLatency (checkout)`),
/// color `danger`/`good`, `send_resolved: false`.
public struct SlackConfig: Sendable, Equatable, Encodable {
    /// The incoming-webhook URL (`api_url`, or `global.slack_api_url`).
    public var apiURL: Secret
    public var sendResolved: Bool
    public var channel: String
    public var username: String
    public var color: String
    public var title: String
    public var titleLink: String
    public var pretext: String
    public var text: String
    public var fallback: String
    public var callbackID: String
    public var footer: String
    public var iconEmoji: String
    public var iconURL: String
    public var imageURL: String
    public var thumbURL: String
    public var linkNames: Bool
    /// Attachment fields (`fields:`); titles and values are templates.
    public var fields: [SlackField]
    /// The default `short` of fields that do not set it.
    public var shortFields: Bool
    /// Attachment fields rendered as Slack markdown; Alertmanager's default is `fallback`, `pretext`, `text`.
    public var markdownIn: [String]
    public var http: HTTPClientSettings

    public init(
        apiURL: Secret, sendResolved: Bool = false, channel: String = "",
        username: String = #"{{ template "slack.default.username" . }}"#,
        color: String = #"{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"#,
        title: String = #"{{ template "slack.default.title" . }}"#,
        titleLink: String = #"{{ template "slack.default.titlelink" . }}"#,
        pretext: String = #"{{ template "slack.default.pretext" . }}"#,
        text: String = #"{{ template "slack.default.text" . }}"#,
        fallback: String = #"{{ template "slack.default.fallback" . }}"#,
        callbackID: String = #"{{ template "slack.default.callbackid" . }}"#,
        footer: String = #"{{ template "slack.default.footer" . }}"#,
        iconEmoji: String = #"{{ template "slack.default.iconemoji" . }}"#,
        iconURL: String = #"{{ template "slack.default.iconurl" . }}"#, imageURL: String = "", thumbURL: String = "",
        linkNames: Bool = false, fields: [SlackField] = [], shortFields: Bool = false, markdownIn: [String] = ["fallback", "pretext", "text"],
        http: HTTPClientSettings = HTTPClientSettings()
    ) {
        self.apiURL = apiURL
        self.sendResolved = sendResolved
        self.channel = channel
        self.username = username
        self.color = color
        self.title = title
        self.titleLink = titleLink
        self.pretext = pretext
        self.text = text
        self.fallback = fallback
        self.callbackID = callbackID
        self.footer = footer
        self.iconEmoji = iconEmoji
        self.iconURL = iconURL
        self.imageURL = imageURL
        self.thumbURL = thumbURL
        self.linkNames = linkNames
        self.fields = fields
        self.shortFields = shortFields
        self.markdownIn = markdownIn
        self.http = http
    }

    private enum CodingKeys: String, CodingKey {
        case apiURL = "api_url", sendResolved = "send_resolved", channel, username, color, title
        case titleLink = "title_link", pretext, text, fallback, callbackID = "callback_id", footer
        case iconEmoji = "icon_emoji", iconURL = "icon_url", imageURL = "image_url", thumbURL = "thumb_url"
        case linkNames = "link_names", fields, shortFields = "short_fields", markdownIn = "mrkdwn_in", http = "http_config"
    }
}

/// One attachment field of a Slack message.
public struct SlackField: Sendable, Equatable, Encodable {
    public var title: String
    public var value: String
    /// Nil: the config's `short_fields`.
    public var short: Bool?

    public init(title: String, value: String, short: Bool? = nil) {
        self.title = title
        self.value = value
        self.short = short
    }
}
