import SteadyModel

/// A value during template execution (the Go types Alertmanager's templates handle).
enum TemplateValue: Sendable {
    /// Go's invalid/nil value (prints `<no value>`).
    case missing
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// `safeHtml`'s result: not escaped in HTML bodies.
    case html(String)
    case strings([String])
    /// A `KV` map (sorted pairs).
    case kv([TemplatePair])
    case pairs([TemplatePair])
    case pair(TemplatePair)
    case alerts([TemplateAlert])
    case alert(TemplateAlert)
    case data(TemplateData)
    /// A `time.Time`; nil is Go's zero time.
    case time(WallInstant?)

    var typeName: String {
        switch self {
        case .missing: "nil"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .html: "template.HTML"
        case .strings: "[]string"
        case .kv: "template.KV"
        case .pairs: "template.Pairs"
        case .pair: "template.Pair"
        case .alerts: "template.Alerts"
        case .alert: "template.Alert"
        case .data: "*template.Data"
        case .time: "time.Time"
        }
    }

    /// Go's `truth`: false, 0, "" and empty collections are false; nil is false.
    var isTruthy: Bool {
        switch self {
        case .missing: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .float(let value): value != 0
        case .string(let value), .html(let value): !value.isEmpty
        case .strings(let value): !value.isEmpty
        case .kv(let value), .pairs(let value): !value.isEmpty
        case .alerts(let value): !value.isEmpty
        case .pair, .alert, .data, .time: true
        }
    }

    /// How Go's fmt prints the value (`%v`), which is what an action outputs.
    var printed: String {
        switch self {
        case .missing: "<no value>"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .float(let value): Self.formatFloat(value)
        case .string(let value), .html(let value): value
        case .strings(let value): "[" + value.joined(separator: " ") + "]"
        case .kv(let value): "map[" + value.map { "\($0.name):\($0.value)" }.joined(separator: " ") + "]"
        case .pairs(let value): "[" + value.map { "{\($0.name) \($0.value)}" }.joined(separator: " ") + "]"
        case .pair(let value): "{\(value.name) \(value.value)}"
        case .alerts(let value): "[" + value.map { Self.printAlert($0) }.joined(separator: " ") + "]"
        case .alert(let value): Self.printAlert(value)
        case .data(let data):
            "{\(data.receiver) \(data.status) " + TemplateValue.alerts(data.alerts).printed + " "
                + TemplateValue.kv(data.groupLabels).printed + " " + TemplateValue.kv(data.commonLabels).printed + " "
                + TemplateValue.kv(data.commonAnnotations).printed + " \(data.externalURL)}"
        case .time(let instant): GoTime.string(instant)
        }
    }

    private static func printAlert(_ alert: TemplateAlert) -> String {
        "{\(alert.status) " + TemplateValue.kv(alert.labels).printed + " " + TemplateValue.kv(alert.annotations).printed
            + " " + GoTime.string(alert.startsAt) + " " + GoTime.string(alert.endsAt)
            + " \(alert.generatorURL) \(alert.fingerprint)}"
    }

    /// Go's `%v` for float64: shortest representation, exponent form outside [1e-4, 1e21).
    static func formatFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e21 { return String(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-4 && magnitude < 1e21 { return "\(value)" }
        var text = "\(value)"  // Swift: 1e-05 style → Go: 1e-05
        if let e = text.firstIndex(of: "e") {
            var exponent = String(text[text.index(after: e)...])
            var sign = "+"
            if exponent.hasPrefix("-") {
                sign = "-"
                exponent.removeFirst()
            } else if exponent.hasPrefix("+") {
                exponent.removeFirst()
            }
            if exponent.count < 2 { exponent = "0" + exponent }
            text = String(text[..<e]) + "e" + sign + exponent
        }
        return text
    }
}
