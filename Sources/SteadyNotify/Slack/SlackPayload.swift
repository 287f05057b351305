public import SteadyModel

/// The Slack incoming-webhook body Alertmanager 0.25 sends: one attachment with the templated title, link, text,
/// fallback and color (`danger` while firing, `good` when resolved). Fields are written in Alertmanager's order with
/// its `omitempty` rules; the title is cut to 1024 characters.
///
/// ```swift
/// let body = try SlackPayload.encode(notification, config: slack, templates: .defaults)
/// ```
public enum SlackPayload {
    static let maximumTitleLength = 1024

    public static func encode(_ notification: AlertNotification, config: SlackConfig, templates: TemplateSet)
        throws(TemplateError) -> [UInt8]
    {
        let data = TemplateData(notification)
        func render(_ text: String, _ field: String) throws(TemplateError) -> String {
            try templates.render(text, data: data, name: field)
        }
        let title = Truncation.truncate(try render(config.title, "title"), to: maximumTitleLength)
        let titleLink = try render(config.titleLink, "title_link")
        let pretext = try render(config.pretext, "pretext")
        let text = try render(config.text, "text")
        let fallback = try render(config.fallback, "fallback")
        let callbackID = try render(config.callbackID, "callback_id")
        let imageURL = try render(config.imageURL, "image_url")
        let thumbURL = try render(config.thumbURL, "thumb_url")
        let footer = try render(config.footer, "footer")
        let color = try render(config.color, "color")
        let channel = try render(config.channel, "channel")
        let username = try render(config.username, "username")
        let iconEmoji = try render(config.iconEmoji, "icon_emoji")
        let iconURL = try render(config.iconURL, "icon_url")
        var fields: [(String, String, Bool)] = []
        for (index, field) in config.fields.enumerated() {
            fields.append(
                (
                    try render(field.title, "fields[\(index)].title"), try render(field.value, "fields[\(index)].value"),
                    field.short ?? config.shortFields
                ))
        }
        let markdownIn = config.markdownIn.isEmpty ? ["fallback", "pretext", "text"] : config.markdownIn

        var writer = GoJSONWriter()
        writer.object { json in
            func optional(_ key: String, _ value: String) {
                guard !value.isEmpty else { return }
                json.key(key)
                json.string(value)
            }
            optional("channel", channel)
            optional("username", username)
            optional("icon_emoji", iconEmoji)
            optional("icon_url", iconURL)
            if config.linkNames {
                json.key("link_names")
                json.bool(true)
            }
            json.key("attachments")
            json.array { list in
                list.object { attachment in
                    func optional(_ key: String, _ value: String) {
                        guard !value.isEmpty else { return }
                        attachment.key(key)
                        attachment.string(value)
                    }
                    optional("title", title)
                    optional("title_link", titleLink)
                    optional("pretext", pretext)
                    attachment.key("text")
                    attachment.string(text)
                    attachment.key("fallback")
                    attachment.string(fallback)
                    attachment.key("callback_id")
                    attachment.string(callbackID)
                    if !fields.isEmpty {
                        attachment.key("fields")
                        attachment.array { list in
                            for (title, value, short) in fields {
                                list.object { item in
                                    item.key("title")
                                    item.string(title)
                                    item.key("value")
                                    item.string(value)
                                    item.key("short")
                                    item.bool(short)
                                }
                            }
                        }
                    }
                    optional("image_url", imageURL)
                    optional("thumb_url", thumbURL)
                    attachment.key("footer")
                    attachment.string(footer)
                    optional("color", color)
                    attachment.key("mrkdwn_in")
                    attachment.array { fields in
                        for field in markdownIn { fields.string(field) }
                    }
                }
            }
        }
        writer.finishLine()
        return writer.bytes
    }
}

/// Alertmanager's `notify.Truncate`: at most `limit` characters, the last one replaced by `…` when cut.
enum Truncation {
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        let scalars = Array(text.unicodeScalars)
        if limit <= 3 { return String(String.UnicodeScalarView(scalars.prefix(limit))) }
        return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
    }
}
