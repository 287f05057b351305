public import SteadyModel

/// The configured time intervals by name, answering Alertmanager's two time stages for a route: a route is muted
/// while now is in any of its `mute_time_intervals`, or when it has `active_time_intervals` and now is in none of
/// them (`TimeMuteStage` / `TimeActiveStage`).
///
/// ```swift
/// let schedule = TimeIntervalSchedule(configuration.timeIntervals)
/// schedule.isMuted(muteTimeIntervals: node.muteTimeIntervals, activeTimeIntervals: node.activeTimeIntervals, at: now)
/// ```
public struct TimeIntervalSchedule: Sendable {
    private let sets: [String: TimeIntervalSet]

    /// Later sets with the same name win (configuration validation rejects duplicates).
    public init(_ sets: [TimeIntervalSet]) {
        var byName: [String: TimeIntervalSet] = [:]
        for set in sets { byName[set.name] = set }
        self.sets = byName
    }

    /// The set named `name`.
    public subscript(name: String) -> TimeIntervalSet? { sets[name] }

    /// Whether `instant` is in any of the named sets. Unknown names contain nothing (Alertmanager reports an error
    /// and neither mutes nor activates).
    public func contains(_ instant: WallInstant, inAnyOf names: [String]) -> Bool {
        names.contains { sets[$0]?.contains(instant) ?? false }
    }

    /// Whether notifications of a route with these intervals are held back at `instant`.
    public func isMuted(muteTimeIntervals: [String], activeTimeIntervals: [String], at instant: WallInstant) -> Bool {
        if contains(instant, inAnyOf: muteTimeIntervals) { return true }
        if !activeTimeIntervals.isEmpty && !contains(instant, inAnyOf: activeTimeIntervals) { return true }
        return false
    }
}
