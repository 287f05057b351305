public import Foundation

/// A named set of time intervals (`time_intervals:` / `mute_time_intervals:` in Alertmanager's config), used by
/// routes' `mute_time_intervals` and `active_time_intervals`. An instant is in the set when any of its
/// ``intervals`` contains it (SteadyAlerting's `contains(_:)`).
///
/// ```swift
/// let businessHours = TimeIntervalSet(name: "business-hours", intervals: [
///     .init(times: [.init(startMinute: 9 * 60, endMinute: 17 * 60)], weekdays: [.init(1, 5)],
///           location: TimeZone(identifier: "Europe/Berlin"))
/// ])
/// ```
public struct TimeIntervalSet: Sendable, Equatable {
    /// The name routes refer to in `mute_time_intervals` and `active_time_intervals`.
    public var name: String
    /// Any of them may contain an instant. An empty list contains nothing.
    public var intervals: [Interval]

    /// A set named `name`; without intervals it contains no instant.
    public init(name: String, intervals: [Interval] = []) {
        self.name = name
        self.intervals = intervals
    }
}

extension TimeIntervalSet {
    /// Alertmanager's `timeinterval.TimeInterval`: every field that is set must match (a field left out matches
    /// anything; a field set to an empty list matches nothing). Fields are evaluated in ``location``.
    public struct Interval: Sendable, Equatable {
        /// Minute ranges of the day, end exclusive (`17:00`–`24:00` is `1020..<1440`).
        public var times: [TimeRange]?
        /// Inclusive weekday ranges, 0 = Sunday … 6 = Saturday (`monday:friday` is `1…5`).
        public var weekdays: [InclusiveRange]?
        /// Inclusive day-of-month ranges; negative days count from the end of the month (-1 = last day).
        public var daysOfMonth: [InclusiveRange]?
        /// Inclusive month ranges, 1 = January.
        public var months: [InclusiveRange]?
        /// Inclusive year ranges.
        public var years: [InclusiveRange]?
        /// The zone the fields are read in; nil is UTC (Alertmanager evaluates `now.UTC()`).
        public var location: TimeZone?

        /// An interval with the given fields; nil fields match anything.
        public init(
            times: [TimeRange]? = nil, weekdays: [InclusiveRange]? = nil, daysOfMonth: [InclusiveRange]? = nil,
            months: [InclusiveRange]? = nil, years: [InclusiveRange]? = nil, location: TimeZone? = nil
        ) {
            self.times = times
            self.weekdays = weekdays
            self.daysOfMonth = daysOfMonth
            self.months = months
            self.years = years
            self.location = location
        }
    }

    /// A range of minutes within a 1440-minute day: `startMinute` inclusive, `endMinute` exclusive.
    public struct TimeRange: Sendable, Equatable, Hashable {
        /// First minute of the day included (`09:00` is 540).
        public var startMinute: Int
        /// First minute of the day no longer included (`24:00` is 1440).
        public var endMinute: Int

        /// `startMinute..<endMinute` in minutes since local midnight.
        public init(startMinute: Int, endMinute: Int) {
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// Alertmanager's `InclusiveRange`: `begin` and `end` both included. Not a `ClosedRange` because day-of-month
    /// ranges such as `1:-1` have `begin > end` until resolved against a month's length.
    public struct InclusiveRange: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// First value included.
        public var begin: Int
        /// Last value included.
        public var end: Int

        /// `begin` through `end`, both included.
        public init(_ begin: Int, _ end: Int) {
            self.begin = begin
            self.end = end
        }

        /// `begin:end`, or one value when they are equal (Alertmanager's `MarshalText`).
        public var description: String { begin == end ? "\(begin)" : "\(begin):\(end)" }
    }
}
