/// API roles, ordered by power: an admin can do what a responder can, a responder what a viewer can.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads everything.
    case viewer
    /// Acts on alerts and incidents (ack, silence, notes).
    case responder
    /// Changes configuration, tokens, faults.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .responder: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
