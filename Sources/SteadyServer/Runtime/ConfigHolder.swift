import SteadyModel
import Synchronization

/// The configuration in force. Reload swaps it; readers take a snapshot.
final class ConfigHolder: Sendable {
    private let current: Mutex<SteadyConfiguration>

    init(_ configuration: SteadyConfiguration) { current = Mutex(configuration) }

    var configuration: SteadyConfiguration { current.withLock { $0 } }

    func replace(_ configuration: SteadyConfiguration) { current.withLock { $0 = configuration } }
}
