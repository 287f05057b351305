public import Foundation

/// A point in wall-clock time, as nanoseconds since the Unix epoch.
///
/// Steady's engines need both to sleep (a `Clock`) and to stamp data with real dates; `WallClock`s give both, and a
/// ``ManualWallClock`` lets tests run whole days in milliseconds.
public struct WallInstant: InstantProtocol, Hashable, Sendable, Codable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

    public init(date: Date) {
        self.init(secondsSinceEpoch: date.timeIntervalSince1970)
    }

    /// Whole and fractional seconds are converted apart, so `1700000000.25` is exactly `…250000000` ns.
    /// Values beyond ±292 years of the epoch saturate.
    public init(secondsSinceEpoch: Double) {
        guard secondsSinceEpoch.isFinite, abs(secondsSinceEpoch) < 9.2e9 else {
            self.nanosecondsSinceEpoch = secondsSinceEpoch < 0 ? .min : .max
            return
        }
        let whole = secondsSinceEpoch.rounded(.down)
        let fraction = ((secondsSinceEpoch - whole) * 1e9).rounded()
        self.nanosecondsSinceEpoch = Int64(whole) * 1_000_000_000 + Int64(fraction)
    }

    public var date: Date { Date(timeIntervalSince1970: secondsSinceEpoch) }
    public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }
    public var millisecondsSinceEpoch: Int64 { nanosecondsSinceEpoch / 1_000_000 }

    /// The start of the minute holding this instant.
    public var minuteFloor: WallInstant { truncated(to: .seconds(60)) }

    /// This instant rounded down to a multiple of `step` since the epoch.
    public func truncated(to step: Duration) -> WallInstant {
        let stepNanos = step.nanoseconds
        guard stepNanos > 0 else { return self }
        var floor = nanosecondsSinceEpoch - nanosecondsSinceEpoch % stepNanos
        if nanosecondsSinceEpoch < 0 && nanosecondsSinceEpoch % stepNanos != 0 { floor -= stepNanos }
        return WallInstant(nanosecondsSinceEpoch: floor)
    }

    public func advanced(by duration: Duration) -> WallInstant {
        WallInstant(nanosecondsSinceEpoch: nanosecondsSinceEpoch + duration.nanoseconds)
    }

    public func duration(to other: WallInstant) -> Duration {
        .nanoseconds(other.nanosecondsSinceEpoch - nanosecondsSinceEpoch)
    }

    public static func < (lhs: WallInstant, rhs: WallInstant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// RFC 3339 with milliseconds, UTC.
    public var description: String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}

extension WallInstant {
    /// Encoded as an RFC 3339 UTC string (``Timestamp/format(_:)``), so every JSON body shows readable times.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Timestamp.format(self))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an RFC 3339 time or Unix seconds, found \(text)")
        }
        self = instant
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product + attoseconds / 1_000_000_000
    }

    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
