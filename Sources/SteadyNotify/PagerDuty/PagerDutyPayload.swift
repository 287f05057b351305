import Crypto
public import SteadyModel

/// PagerDuty event bodies as Alertmanager 0.25 builds them.
///
/// Events API v2 (`routing_key`): `event_action` is `trigger` while any alert fires and `resolve` once all are
/// resolved; `dedup_key` is the SHA-256 (hex) of the group key, so PagerDuty folds every notification of a group into
/// one incident; `payload.summary` is the templated description cut to 1024 characters; `custom_details` holds the
/// templated `details`. Events API v1 (`service_key`, which wins when `routing_key` is set too) uses `incident_key`,
/// `event_type`, `description` and `details` instead. Events over 512000 bytes lose their details (Alertmanager's rule).
///
/// ```swift
/// PagerDutyPayload.dedupKey(groupKey: #"{}:{alertname="HighLatency"}"#)   // 64 hex digits
/// ```
public enum PagerDutyPayload {
    static let maximumSummaryLength = 1024
    /// PagerDuty's limit on an event, in bytes (Alertmanager's `maxEventSize`).
    public static let maximumEventSize = 512_000
    /// The details sent instead of the templated ones when the event exceeds ``maximumEventSize``
    /// (`units.MetricBytes(512000)` prints `512KB`).
    public static let oversizedDetailsMessage =
        "Custom details have been removed because the original event exceeds the maximum size of 512KB"

    /// Alertmanager's `Key.Hash()`: lowercase hex SHA-256 of the group key.
    public static func dedupKey(groupKey: String) -> String {
        SHA256.hash(data: Array(groupKey.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// `trigger` or `resolve` for `notification`.
    public static func eventAction(_ notification: AlertNotification) -> String {
        notification.status == "firing" ? "trigger" : "resolve"
    }

    /// The request body; Events API v1 when a `service_key` is configured (even with a `routing_key`, as in
    /// Alertmanager), v2 otherwise. Throws when a template fails or the rendered routing/service key is empty.
    ///
    /// An event larger than ``maximumEventSize`` bytes has its details replaced by ``oversizedDetailsMessage``, as
    /// Alertmanager does, so PagerDuty does not reject it.
    public static func encode(
        _ notification: AlertNotification, config: PagerDutyConfig, templates: TemplateSet
    )
        throws(PagerDutyRenderError) -> [UInt8]
    {
        let data = TemplateData(notification)
        func render(_ text: String, _ field: String) throws(PagerDutyRenderError) -> String {
            do {
                return try templates.render(text, data: data, name: field)
            } catch {
                throw PagerDutyRenderError(message: "\(error)")
            }
        }
        let action = eventAction(notification)
        let key = dedupKey(groupKey: notification.groupKey)
        var details: [(String, String)] = []
        for (name, template) in config.details {
            details.append((name, try render(template, "details.\(name)")))
        }
        let description = Truncation.truncate(try render(config.description, "description"), to: maximumSummaryLength)
        let write: ([(String, String)]) -> [UInt8]
        if config.usesEventsAPIV1, let serviceKey = config.serviceKey {
            let renderedKey = try render(serviceKey.value, "service_key")
            guard !renderedKey.isEmpty else { throw PagerDutyRenderError(message: "service key cannot be empty") }
            let isTrigger = action == "trigger"
            let client = isTrigger ? try render(config.client, "client") : ""
            let clientURL = isTrigger ? try render(config.clientURL, "client_url") : ""
            write = { details in
                var writer = GoJSONWriter()
                writer.object { json in
                    json.key("service_key")
                    json.string(renderedKey)
                    json.key("incident_key")
                    json.string(key)
                    json.key("event_type")
                    json.string(action)
                    if !description.isEmpty {
                        json.key("description")
                        json.string(description)
                    }
                    json.key("event_action")
                    json.string("")
                    json.key("payload")
                    json.null()
                    if !client.isEmpty {
                        json.key("client")
                        json.string(client)
                    }
                    if !clientURL.isEmpty {
                        json.key("client_url")
                        json.string(clientURL)
                    }
                    if !details.isEmpty {
                        json.key("details")
                        json.stringMap(details)
                    }
                }
                writer.finishLine()
                return writer.bytes
            }
        } else {
            let renderedKey = try render(config.routingKey?.value ?? "", "routing_key")
            guard !renderedKey.isEmpty else { throw PagerDutyRenderError(message: "routing key cannot be empty") }
            let client = try render(config.client, "client")
            let clientURL = try render(config.clientURL, "client_url")
            let source = try render(config.source.isEmpty ? config.client : config.source, "source")
            let severity = try render(config.severity.isEmpty ? "error" : config.severity, "severity")
            let eventClass = try render(config.class, "class")
            let component = try render(config.component, "component")
            let group = try render(config.group, "group")
            write = { details in
                var writer = GoJSONWriter()
                writer.object { json in
                    json.key("routing_key")
                    json.string(renderedKey)
                    json.key("dedup_key")
                    json.string(key)
                    json.key("event_action")
                    json.string(action)
                    json.key("payload")
                    json.object { payload in
                        payload.key("summary")
                        payload.string(description)
                        payload.key("source")
                        payload.string(source)
                        payload.key("severity")
                        payload.string(severity)
                        for (name, value) in [("class", eventClass), ("component", component), ("group", group)]
                        where !value.isEmpty {
                            payload.key(name)
                            payload.string(value)
                        }
                        if !details.isEmpty {
                            payload.key("custom_details")
                            payload.stringMap(details)
                        }
                    }
                    if !client.isEmpty {
                        json.key("client")
                        json.string(client)
                    }
                    if !clientURL.isEmpty {
                        json.key("client_url")
                        json.string(clientURL)
                    }
                }
                writer.finishLine()
                return writer.bytes
            }
        }
        let body = write(details)
        // Alertmanager compares the encoder's output, trailing newline included.
        guard body.count > maximumEventSize else { return body }
        return write([("error", oversizedDetailsMessage)])
    }
}

/// A PagerDuty event that cannot be built (a template failed, or the key rendered empty).
public struct PagerDutyRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
