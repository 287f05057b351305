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

    /// Go's `%v` for float64, `strconv.FormatFloat(v, 'g', -1, 64)`: the shortest digits that round-trip, in
    /// exponent form when the decimal exponent is < -4 or >= 6 (with the shortest precision strconv decides with
    /// precision 6, not 21): `fmt.Sprint(1e6)` is `1e+06`, `fmt.Sprint(123456.0)` is `123456`, `1e19` is `1e+19`.
    /// Never traps, whatever the magnitude.
    static func formatFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let (digits, pointPosition) = shortestDigits(abs(value))
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var text = sign + String(digits.first!)
            if digits.count > 1 { text += "." + digits.dropFirst() }
            let magnitude = String(abs(exponent))
            return text + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
        if digits.count <= pointPosition {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// The shortest round-tripping decimal digits of a positive finite `value` (no leading or trailing zeros) and
    /// where the decimal point goes: value = 0.digits × 10^pointPosition.
    private static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        // Swift's description is the shortest round-tripping form: "123.45", "1e-05", "1.2345e+20".
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(String(text[text.index(after: e)...].filter { $0 != "+" })) ?? 0
        }
        let point = mantissa.firstIndex(of: ".")
        let integerPart = point.map { mantissa[..<$0] } ?? mantissa
        let fractionPart = point.map { mantissa[mantissa.index(after: $0)...] } ?? ""
        var digits = String(integerPart) + fractionPart
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, pointPosition)
    }
}
