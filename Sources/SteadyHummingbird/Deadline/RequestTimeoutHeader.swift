import Resilience

/// The request-timeout header: how long the caller will wait, in gRPC's `grpc-timeout` syntax.
///
/// The value is 1–8 ASCII digits followed by a unit: `H` hours, `M` minutes, `S` seconds, `m` milliseconds,
/// `u` microseconds, `n` nanoseconds (`250m` = 250 ms, `2S` = 2 s). It is relative, so client and server clocks need
/// not agree; network time before the server reads the header is not subtracted. ``RequestDeadlineMiddleware`` reads
/// `x-request-timeout` and, for gRPC-style callers, `grpc-timeout`; a service calling others sends the time left with
/// ``format(_:)``.
///
/// ```swift
/// RequestTimeoutHeader.parse("250m")   // .milliseconds(250)
/// RequestTimeoutHeader.format(.seconds(2))  // "2000000u"
/// ```
public enum RequestTimeoutHeader {
    /// `x-request-timeout`.
    public static let name = "x-request-timeout"
    /// `grpc-timeout`, also accepted.
    public static let grpcName = "grpc-timeout"

    /// Parses a timeout value; `nil` when malformed.
    ///
    /// ```swift
    /// RequestTimeoutHeader.parse("1S")  // .seconds(1)
    /// ```
    public static func parse(_ value: some StringProtocol) -> Duration? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.count <= 9, let unit = bytes.last else { return nil }
        var amount: Int64 = 0
        for byte in bytes.dropLast() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            amount = amount * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(amount * 3600)
        case UInt8(ascii: "M"): return .seconds(amount * 60)
        case UInt8(ascii: "S"): return .seconds(amount)
        case UInt8(ascii: "m"): return .milliseconds(amount)
        case UInt8(ascii: "u"): return .microseconds(amount)
        case UInt8(ascii: "n"): return .nanoseconds(amount)
        default: return nil
        }
    }

    /// Formats a duration for the header in the finest unit that fits in 8 digits, rounding up (negative durations
    /// become `0n`, durations beyond the syntax's range `99999999H`).
    ///
    /// ```swift
    /// RequestTimeoutHeader.format(.milliseconds(1500))  // "1500000u"
    /// ```
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return "0n" }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else {
            // Beyond about 292 years in nanoseconds: only hours can still fit.
            let hours = seconds / 3600 + (seconds % 3600 != 0 || attoseconds > 0 ? 1 : 0)
            return hours < 100_000_000 ? "\(hours)H" : Self.maximum
        }
        let (nanoseconds, sumOverflow) = scaled.addingReportingOverflow((attoseconds + 999_999_999) / 1_000_000_000)
        guard !sumOverflow else { return Self.maximum }
        let units: [(Int64, Character)] = [
            (1, "n"), (1000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"),
            (3_600_000_000_000, "H"),
        ]
        for (scale, unit) in units {
            let amount = nanoseconds / scale + (nanoseconds % scale == 0 ? 0 : 1)
            if amount < 100_000_000 { return "\(amount)\(unit)" }
        }
        return Self.maximum
    }

    /// The time left until the current task's ``Deadline`` on `clock`, formatted for the header; `nil` when no
    /// deadline is set on `clock`'s type. A deadline that has passed gives `0n`.
    ///
    /// ```swift
    /// let value = RequestTimeoutHeader.remaining(on: ContinuousClock())  // "250000u", or nil without a deadline
    /// ```
    public static func remaining<C: Clock>(on clock: C) -> String? where C.Duration == Duration {
        guard let left = Deadline.current?.remaining(on: clock) else { return nil }
        return Self.format(left)
    }

    /// The longest timeout the syntax can express.
    static let maximum = "99999999H"
}
