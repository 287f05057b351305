public import SteadyModel

/// Alertmanager 0.25's version 4 webhook body, byte for byte.
///
/// Field order follows `webhook.Message` (the embedded `template.Data` first): `receiver`, `status`, `alerts`,
/// `groupLabels`, `commonLabels`, `commonAnnotations`, `externalURL`, `version`, `groupKey`, `truncatedAlerts`; each
/// alert has `status`, `labels`, `annotations`, `startsAt`, `endsAt`, `generatorURL`, `fingerprint`. Times are
/// RFC 3339 with up to nine fractional digits (trailing zeros dropped), firing alerts carry Go's zero time
/// `0001-01-01T00:00:00Z` as `endsAt`, the receiver name is regexp-quoted, label maps are sorted, and the body ends
/// with a newline. With `max_alerts`, the first `maxAlerts` alerts are sent and common labels, annotations and status
/// are computed over them.
///
/// ```swift
/// let body = WebhookPayload.encode(notification, maxAlerts: 0)   // [UInt8], ready to POST
/// ```
public enum WebhookPayload {
    public static let version = "4"

    /// The JSON body for `notification`; `maxAlerts` 0 sends every alert.
    public static func encode(_ notification: AlertNotification, maxAlerts: Int = 0) -> [UInt8] {
        var alerts = notification.alerts
        var truncated = notification.truncatedAlerts
        if maxAlerts > 0, alerts.count > maxAlerts {
            truncated += alerts.count - maxAlerts
            alerts = Array(alerts.prefix(maxAlerts))
        }
        let data = TemplateData(notification, alerts: alerts)
        var writer = GoJSONWriter()
        writer.object { json in
            json.key("receiver")
            json.string(data.receiver)
            json.key("status")
            json.string(data.status)
            json.key("alerts")
            json.array { list in
                for alert in data.alerts {
                    list.object { item in
                        item.key("status")
                        item.string(alert.status)
                        item.key("labels")
                        item.stringMap(alert.labels.map { ($0.name, $0.value) })
                        item.key("annotations")
                        item.stringMap(alert.annotations.map { ($0.name, $0.value) })
                        item.key("startsAt")
                        item.string(GoTime.rfc3339Nano(alert.startsAt))
                        item.key("endsAt")
                        item.string(GoTime.rfc3339Nano(alert.endsAt))
                        item.key("generatorURL")
                        item.string(alert.generatorURL)
                        item.key("fingerprint")
                        item.string(alert.fingerprint)
                    }
                }
            }
            json.key("groupLabels")
            json.stringMap(data.groupLabels.map { ($0.name, $0.value) })
            json.key("commonLabels")
            json.stringMap(data.commonLabels.map { ($0.name, $0.value) })
            json.key("commonAnnotations")
            json.stringMap(data.commonAnnotations.map { ($0.name, $0.value) })
            json.key("externalURL")
            json.string(data.externalURL)
            json.key("version")
            json.string(version)
            json.key("groupKey")
            json.string(notification.groupKey)
            json.key("truncatedAlerts")
            json.int(truncated)
        }
        writer.finishLine()
        return writer.bytes
    }
}
