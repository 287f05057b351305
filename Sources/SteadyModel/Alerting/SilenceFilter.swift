/// Alertmanager 0.25's `filter` for `GET /api/v2/silences` (`CheckSilenceMatchesFilterLabels`): a silence is listed
/// when every filter matcher equals one of its matchers in name, operator and value. The filter is compared with
/// the silence's matchers, not applied to label values: `filter=alertname=~"Disk.*"` lists silences that have
/// exactly the matcher `alertname=~"Disk.*"`.
///
/// ```swift
/// let filters = try AlertMatcherParser.parse(#"{team="db"}"#)
/// let listed = silences.filter { SilenceFilter.matches($0, filters) }
/// ```
public enum SilenceFilter {
    /// Whether `silence` passes all `filters` (no filters: every silence).
    public static func matches(_ silence: Silence, _ filters: [LabelMatcher]) -> Bool {
        filters.allSatisfy { filter in silence.matchers.contains(filter) }
    }

    /// Alertmanager's `SortSilences`: active first (soonest end first), then pending (soonest start first), then
    /// expired (latest end first).
    public static func sorted(_ silences: [Silence], at instant: WallInstant) -> [Silence] {
        func rank(_ state: Silence.State) -> Int {
            switch state {
            case .active: 0
            case .pending: 1
            case .expired: 2
            }
        }
        return silences.sorted { lhs, rhs in
            let left = lhs.state(at: instant)
            let right = rhs.state(at: instant)
            if left != right { return rank(left) < rank(right) }
            switch left {
            case .active: return lhs.endsAt < rhs.endsAt
            case .pending: return lhs.startsAt < rhs.startsAt
            case .expired: return lhs.endsAt > rhs.endsAt
            }
        }
    }
}
