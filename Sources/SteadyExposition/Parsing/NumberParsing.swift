/// Number syntax of the exposition formats, parsed straight from UTF-8 bytes.
///
/// Values accept what Prometheus accepts (Go's `strconv.ParseFloat` without hexadecimal forms or underscores):
/// `[+-]` digits with an optional `.` and fraction, an optional exponent, `[+-]Inf`/`Infinity` and `NaN` in any case.
/// Values that overflow a `Double` are rejected, as Go reports them out of range.
enum NumberParsing {
    /// Exact powers of ten representable as `Double`.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// A decimal number split into parts, before conversion.
    struct Decimal {
        var negative = false
        /// Up to 19 significant digits.
        var mantissa: UInt64 = 0
        /// Digits that did not fit into `mantissa` were dropped (the value needs the slow path).
        var truncated = false
        /// Power of ten to apply to `mantissa`.
        var exponent = 0
        var hasExponent = false
        /// Position of the first digit after the optional sign, for the exact timestamp path.
        var integerDigits = 0
        var fractionDigits = 0
    }

    /// Parses `[+-] digits [. digits] [(e|E) [+-] digits]` (at least one digit in the mantissa) covering the whole
    /// range; nil when the syntax does not match.
    static func scanDecimal(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Decimal? {
        var decimal = Decimal()
        var index = start
        guard index < end else { return nil }
        if base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
            decimal.negative = base[index] == UInt8(ascii: "-")
            index += 1
        }
        var significant = 0
        var dropped = 0
        while index < end, base[index] &- UInt8(ascii: "0") < 10 {
            addDigit(base[index], to: &decimal, significant: &significant, dropped: &dropped, fraction: false)
            decimal.integerDigits += 1
            index += 1
        }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, base[index] &- UInt8(ascii: "0") < 10 {
                addDigit(base[index], to: &decimal, significant: &significant, dropped: &dropped, fraction: true)
                decimal.fractionDigits += 1
                index += 1
            }
        }
        guard decimal.integerDigits + decimal.fractionDigits > 0 else { return nil }
        decimal.exponent = dropped
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                exponentNegative = base[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var digits = 0
            while index < end, base[index] &- UInt8(ascii: "0") < 10 {
                // Saturate: anything beyond ±100000 is zero or infinity anyway.
                exponent = min(exponent * 10 + Int(base[index] &- UInt8(ascii: "0")), 100_000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            decimal.exponent += exponentNegative ? -exponent : exponent
            decimal.hasExponent = true
        }
        guard index == end else { return nil }
        return decimal
    }

    private static func addDigit(
        _ byte: UInt8, to decimal: inout Decimal, significant: inout Int, dropped: inout Int, fraction: Bool
    ) {
        let digit = UInt64(byte &- UInt8(ascii: "0"))
        if significant == 0 && digit == 0 {
            // Leading zeros do not count as significant digits.
            if fraction { dropped -= 1 }
            return
        }
        if significant < 19 {
            decimal.mantissa = decimal.mantissa &* 10 &+ digit
            significant += 1
            if fraction { dropped -= 1 }
        } else {
            if digit != 0 { decimal.truncated = true }
            if !fraction { dropped += 1 }
        }
    }

    /// A sample value, or nil when `bytes[start..<end]` is not a number Prometheus accepts.
    static func parseValue(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard start < end else { return nil }
        let first = base[start]
        if first &- UInt8(ascii: "0") >= 10 && first != UInt8(ascii: ".") {
            if let special = parseSpecial(base, start, end) { return special }
        }
        guard let decimal = scanDecimal(base, start, end) else { return nil }
        return convert(decimal, base, start, end)
    }

    /// `[+-](inf|infinity)` or `nan`, case-insensitive, as Go's `strconv.ParseFloat` accepts them.
    private static func parseSpecial(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var index = start
        var negative = false
        var signed = false
        if base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
            negative = base[index] == UInt8(ascii: "-")
            signed = true
            index += 1
        }
        if !signed && matchesIgnoringCase(base, index, end, "nan") { return .nan }
        if matchesIgnoringCase(base, index, end, "inf") || matchesIgnoringCase(base, index, end, "infinity") {
            return negative ? -.infinity : .infinity
        }
        return nil
    }

    private static func matchesIgnoringCase(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString
    ) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for offset in 0..<word.utf8CodeUnitCount where base[start + offset] | 0x20 != pointer[offset] {
            return false
        }
        return true
    }

    /// Correctly rounded conversion: exact fast path when possible, the C library otherwise.
    private static func convert(_ decimal: Decimal, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if decimal.mantissa == 0 && !decimal.truncated { return decimal.negative ? -0.0 : 0.0 }
        if !decimal.truncated && decimal.mantissa <= 1 << 53 && decimal.exponent >= -22 && decimal.exponent <= 22 {
            var value = Double(decimal.mantissa)
            if decimal.exponent >= 0 {
                value *= exactPowersOfTen[decimal.exponent]
            } else {
                value /= exactPowersOfTen[-decimal.exponent]
            }
            return decimal.negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A Prometheus text format timestamp: an `Int64` of milliseconds, optionally signed.
    static func parseMilliseconds(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var index = start
        var negative = false
        if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
            negative = base[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < end else { return nil }
        var magnitude: UInt64 = 0
        while index < end {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// An OpenMetrics timestamp (float seconds) converted to milliseconds, truncating below the millisecond.
    static func parseSecondsAsMilliseconds(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard let decimal = scanDecimal(base, start, end) else { return nil }
        if !decimal.hasExponent && decimal.integerDigits <= 15 {
            // Exact path: whole seconds × 1000 plus the first three fraction digits.
            var index = start
            if base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            var milliseconds: Int64 = 0
            for _ in 0..<decimal.integerDigits {
                milliseconds = milliseconds * 10 + Int64(base[index] &- UInt8(ascii: "0"))
                index += 1
            }
            milliseconds *= 1000
            if decimal.fractionDigits > 0 {
                index += 1  // the point
                var scale: Int64 = 100
                for _ in 0..<min(decimal.fractionDigits, 3) {
                    milliseconds += Int64(base[index] &- UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
            }
            return decimal.negative ? -milliseconds : milliseconds
        }
        guard let seconds = convert(decimal, base, start, end) else { return nil }
        let milliseconds = (seconds * 1000).rounded(.towardZero)
        guard milliseconds.isFinite, milliseconds >= -9.2e18, milliseconds <= 9.2e18 else { return nil }
        return Int64(milliseconds)
    }
}
