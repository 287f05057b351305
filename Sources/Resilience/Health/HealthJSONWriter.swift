/// A minimal streaming JSON writer (RFC 8259) for health documents; commas are inserted automatically.
struct HealthJSONWriter {
    private(set) var text = ""
    private var needsComma: [Bool] = []
    private var afterKey = false

    mutating func beginObject() {
        self.separate()
        self.text.append("{")
        self.needsComma.append(false)
    }

    mutating func endObject() {
        self.needsComma.removeLast()
        self.text.append("}")
    }

    mutating func beginArray() {
        self.separate()
        self.text.append("[")
        self.needsComma.append(false)
    }

    mutating func endArray() {
        self.needsComma.removeLast()
        self.text.append("]")
    }

    mutating func key(_ key: String) {
        self.separate()
        self.appendQuoted(key)
        self.text.append(":")
        self.afterKey = true
    }

    mutating func string(_ value: String) {
        self.separate()
        self.appendQuoted(value)
    }

    mutating func value(_ value: HealthValue) {
        self.separate()
        switch value {
        case .int(let number): self.text.append(String(number))
        case .double(let number): self.text.append(number.isFinite ? Self.format(number) : "null")
        case .string(let string): self.appendQuoted(string)
        case .bool(let flag): self.text.append(flag ? "true" : "false")
        }
    }

    private static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private mutating func separate() {
        if self.afterKey {
            self.afterKey = false
            return
        }
        guard let last = self.needsComma.last else { return }
        if last { self.text.append(",") }
        self.needsComma[self.needsComma.count - 1] = true
    }

    private mutating func appendQuoted(_ string: String) {
        self.text.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": self.text.append("\\\"")
            case "\\": self.text.append("\\\\")
            case "\n": self.text.append("\\n")
            case "\r": self.text.append("\\r")
            case "\t": self.text.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                self.text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: self.text.unicodeScalars.append(scalar)
            }
        }
        self.text.append("\"")
    }
}
