public import SteadyModel

/// Alertmanager's alert order in notifications (`types.AlertSlice`): by `job`, then `instance` (alerts without the
/// label last), then prometheus/common's `LabelSet.Before`.
public enum AlertOrdering {
    public static func sorted(_ alerts: [Alert]) -> [Alert] {
        // Stable: Alertmanager uses sort.Stable over the group's list.
        alerts.enumerated().sorted { lhs, rhs in
            if precedes(lhs.element.labels, rhs.element.labels) { return true }
            if precedes(rhs.element.labels, lhs.element.labels) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    static func precedes(_ lhs: Labels, _ rhs: Labels) -> Bool {
        for key in ["job", "instance"] {
            let left = lhs[key]
            let right = rhs[key]
            switch (left, right) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case (let left?, let right?):
                if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
            }
        }
        return before(lhs, rhs)
    }

    /// prometheus/common `LabelSet.Before`: fewer labels first, then the first differing value over the merged,
    /// sorted label names (a label missing on the left sorts first).
    static func before(_ lhs: Labels, _ rhs: Labels) -> Bool {
        if lhs.count != rhs.count { return lhs.count < rhs.count }
        let names = (lhs.map(\.name) + rhs.map(\.name)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            guard let left = lhs[name] else { return true }
            guard let right = rhs[name] else { return false }
            if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        }
        return false
    }
}
