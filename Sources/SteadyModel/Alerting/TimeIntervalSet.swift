/// A named set of time intervals (`time_intervals:` / `mute_time_intervals:` in Alertmanager's config), used by
/// routes' `mute_time_intervals` and `active_time_intervals`.
///
/// The time-interval helper fills in the interval fields (times, weekdays, days of month, months, years, location).
public struct TimeIntervalSet: Sendable, Equatable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
