import Logging
import SteadyModel
import Synchronization

/// Bootstraps swift-log once per process, in the text or JSON format.
enum LoggingSetup {
    private static let done = Mutex(false)

    static func bootstrap(format: LoggingSettings.Format, level: String) {
        let first = done.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        let parsedLevel = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .json: JSONLogHandler(label: label)
                case .text: StreamLogHandler.standardError(label: label)
                }
            handler.logLevel = parsedLevel
            return handler
        }
    }
}
