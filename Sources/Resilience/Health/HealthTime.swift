#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant for the `time` field of health reports, formatted as RFC 3339 UTC without Foundation.
///
/// ```swift
/// let time = HealthTime(secondsSinceEpoch: 1_700_000_000)
/// time.rfc3339  // "2023-11-14T22:13:20Z"
/// ```
public struct HealthTime: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// Nanoseconds within the second.
    public var nanoseconds: Int32

    /// Creates an instant.
    ///
    /// ```swift
    /// let time = HealthTime(secondsSinceEpoch: 0)  // 1970-01-01T00:00:00Z
    /// ```
    public init(secondsSinceEpoch: Int64, nanoseconds: Int32 = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
    }

    /// The system's real-time clock, to the second (enough for health reports).
    ///
    /// ```swift
    /// let health = HealthRegistry(service: .init(), clock: ContinuousClock(), wallClock: { HealthTime.now() })
    /// ```
    public static func now() -> HealthTime {
        HealthTime(secondsSinceEpoch: Int64(time(nil)))
    }

    /// RFC 3339 in UTC, whole seconds when `nanoseconds` is 0, else milliseconds: `2026-11-23T01:47:01.250Z`.
    ///
    /// ```swift
    /// HealthTime(secondsSinceEpoch: 86_400, nanoseconds: 5_000_000).rfc3339  // "1970-01-02T00:00:00.005Z"
    /// ```
    public var rfc3339: String {
        let days =
            self.secondsSinceEpoch >= 0
            ? self.secondsSinceEpoch / 86_400 : (self.secondsSinceEpoch - 86_399) / 86_400
        let secondOfDay = self.secondsSinceEpoch - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += "T" + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2) + ":"
        text += Self.pad(secondOfDay % 60, 2)
        if self.nanoseconds > 0 {
            text += "." + Self.pad(Int64(self.nanoseconds / 1_000_000), 3)
        }
        return text + "Z"
    }

    /// Orders instants.
    ///
    /// ```swift
    /// HealthTime(secondsSinceEpoch: 1) < HealthTime(secondsSinceEpoch: 2)  // true
    /// ```
    public static func < (lhs: HealthTime, rhs: HealthTime) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// Days since 1970-01-01 → proleptic Gregorian date (Howard Hinnant's civil-from-days algorithm).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
