import SteadyModel
import Yams

extension ConfigReader {
    static let durationExpectation = "a duration like 15s or 1m30s"

    /// The interpolated text of a scalar value; reports non-scalars and `${…}` failures.
    mutating func text(_ field: Field, expected: String) -> String? {
        guard case .scalar(let scalar) = field.value else {
            mismatch(field.value, path: field.path, expected: expected)
            return nil
        }
        let (value, failures) = interpolator.interpolate(scalar.string)
        for failure in failures {
            error(
                "\(Self.label(field.path)): \(failure.message)",
                at: position(of: field.value, utf8Offset: failure.offset, value: scalar.string))
        }
        return failures.isEmpty ? value : nil
    }

    mutating func string(_ field: Field) -> String? { text(field, expected: "a string") }

    /// A string with at least one non-blank character.
    mutating func nonEmptyString(_ field: Field, expected: String = "a non-empty string") -> String? {
        guard let value = text(field, expected: expected) else { return nil }
        guard !value.allSatisfy(\.isWhitespace) else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        return value
    }

    mutating func bool(_ field: Field) -> Bool? {
        guard let value = text(field, expected: "true or false") else { return nil }
        switch value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            mismatch(field, text: value, expected: "true or false")
            return nil
        }
    }

    mutating func integer(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        let expected = "an integer between \(range.lowerBound) and \(range.upperBound)"
        guard let value = text(field, expected: expected) else { return nil }
        guard let number = Int(value.hasPrefix("+") ? String(value.dropFirst()) : value), range.contains(number) else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        return number
    }

    /// A finite decimal number.
    mutating func number(_ field: Field, expected: String) -> Double? {
        guard let value = text(field, expected: expected) else { return nil }
        guard let number = Self.decimal(value) else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        return number
    }

    /// Parses `12`, `-0.5`, `1e3`; rejects `inf`, `nan`, hexadecimal and anything not finite.
    static func decimal(_ text: String) -> Double? {
        guard !text.isEmpty,
            text.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D || $0 == 0x65 || $0 == 0x45
            }),
            let number = Double(text), number.isFinite
        else { return nil }
        return number
    }

    /// A Prometheus duration (`15s`, `1m30s`, `30d`); with `positive`, zero is rejected.
    mutating func duration(_ field: Field, positive: Bool = true) -> Duration? {
        guard let value = text(field, expected: Self.durationExpectation) else { return nil }
        guard let duration = PrometheusDuration.parse(value) else {
            mismatch(field, text: value, expected: Self.durationExpectation)
            return nil
        }
        if positive, duration <= .zero {
            mismatch(field, text: value, expected: "a duration greater than 0, like 15s or 1m30s")
            return nil
        }
        return duration
    }

    /// One of `choices`, with a suggestion for near misses.
    mutating func choice(_ field: Field, among choices: [String]) -> String? {
        let expected = Self.oneOf(choices)
        guard let value = text(field, expected: expected) else { return nil }
        guard choices.contains(value) else {
            var message = "\(Self.label(field.path)): found \(Self.quoted(value)), expected \(expected)"
            if let suggestion = Suggestion.closest(to: value, in: choices) {
                message += " (did you mean '\(suggestion)'?)"
            }
            error(message, at: position(of: field.value))
            return nil
        }
        return value
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(_ field: Field, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        choice(field, among: Value.allCases.map(\.rawValue)).flatMap(Value.init(rawValue:))
    }

    static func oneOf(_ choices: [String]) -> String {
        guard choices.count > 1, let last = choices.last else { return choices.first ?? "nothing" }
        return "one of " + choices.dropLast().joined(separator: ", ") + " or " + last
    }

    /// A fraction between 0 and 1, written as `0.1` or `10%`.
    mutating func fraction(_ field: Field, allowZero: Bool = true) -> Double? {
        let expected =
            allowZero
            ? "a fraction between 0 and 1 or a percentage like 10%"
            : "a fraction greater than 0 and at most 1, or a percentage like 95%"
        guard let value = text(field, expected: expected) else { return nil }
        var fraction: Double?
        if value.hasSuffix("%") {
            fraction = Self.decimal(String(value.dropLast()).trimmingSpaces()).map { $0 / 100 }
        } else {
            fraction = Self.decimal(value)
        }
        guard let fraction, fraction <= 1, allowZero ? fraction >= 0 : fraction > 0 else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        return fraction
    }

    /// A PromQL series selector; syntax errors point inside the selector text when it is written on one line.
    mutating func selector(_ field: Field) -> SeriesSelector? {
        let expected = "a series selector like http_requests_total{code=~\"5..\"}"
        guard let value = text(field, expected: expected) else { return nil }
        do {
            return try SeriesSelector(parsing: value)
        } catch {
            let position =
                error.offset.map { self.position(of: field.value, utf8Offset: $0, value: value) }
                ?? self.position(of: field.value)
            var detail = "\(error)"
            if let offset = error.offset, detail.hasPrefix("offset \(offset): ") {
                detail.removeFirst("offset \(offset): ".count)
            }
            self.error("\(Self.label(field.path)): invalid series selector: \(detail)", at: position)
            return nil
        }
    }

    /// A selector naming a histogram family (`http_request_duration_seconds{…}`, not its `_bucket` series).
    mutating func histogramSelector(_ field: Field) -> SeriesSelector? {
        guard let selector = selector(field) else { return nil }
        guard let name = selector.metricName else {
            error(
                "\(Self.label(field.path)): the selector must name a histogram family, like "
                    + "http_request_duration_seconds{service=\"checkout\"}",
                at: position(of: field.value))
            return nil
        }
        for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) && name.count > suffix.count {
            error(
                "\(Self.label(field.path)): found \(Self.quoted(name)), expected a histogram family name without "
                    + "the \(suffix) suffix (\(name.dropLast(suffix.count)))",
                at: position(of: field.value))
            return nil
        }
        return selector
    }

    /// A mapping of label names to string values.
    mutating func labels(_ field: Field) -> Labels? {
        if Self.isNull(field.value) { return Labels() }
        guard case .mapping = field.value else {
            mismatch(field.value, path: field.path, expected: "a mapping of label names to values")
            return nil
        }
        var pairs: [Label] = []
        var seen: [String: SourcePosition] = [:]
        var valid = true
        for (keyNode, valueNode) in merged(field.value, path: field.path) {
            guard case .scalar(let keyScalar) = keyNode else {
                mismatch(keyNode, path: field.path, expected: "a label name")
                valid = false
                continue
            }
            let name = keyScalar.string
            let path = "\(field.path).\(Self.shortened(name))"
            if let first = seen[name] {
                error(
                    "\(field.path): duplicate label '\(Self.shortened(name))' (first defined at \(first))",
                    at: position(of: keyNode))
                valid = false
                continue
            }
            seen[name] = position(of: keyNode)
            if !Self.isLabelName(name) {
                error(
                    "\(field.path): found label name \(Self.quoted(name)), expected letters, digits and _ not "
                        + "starting with a digit",
                    at: position(of: keyNode))
                valid = false
            } else if name.hasPrefix("__") {
                error("\(field.path): label names starting with __ are reserved", at: position(of: keyNode))
                valid = false
            }
            let valueField = Field(key: name, keyNode: keyNode, value: valueNode, path: path)
            if Self.isNull(valueNode) { continue }
            guard let value = text(valueField, expected: "a label value (string)") else {
                valid = false
                continue
            }
            pairs.append(Label(name, value))
        }
        return valid ? Labels(pairs) : nil
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
