import SteadyModel

/// The time ranges the service page offers (`?range=`), each with a step that keeps charts at 60–360 points.
enum DashboardRange: String, CaseIterable, Sendable {
    case hour = "1h"
    case sixHours = "6h"
    case day = "24h"
    case week = "7d"

    static let `default` = DashboardRange.sixHours

    var duration: Duration {
        switch self {
        case .hour: .seconds(3600)
        case .sixHours: .seconds(6 * 3600)
        case .day: .seconds(86_400)
        case .week: .seconds(7 * 86_400)
        }
    }

    var step: Duration {
        switch self {
        case .hour: .seconds(60)
        case .sixHours: .seconds(60)
        case .day: .seconds(300)
        case .week: .seconds(1800)
        }
    }
}
