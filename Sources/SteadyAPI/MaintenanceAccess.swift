public import SteadyModel

/// What the API needs for recurring maintenance windows (wired by the server to the alert pipeline).
public struct MaintenanceAccess: Sendable {
    /// A window as listed: the stored window and whether it mutes right now.
    public struct Listed: Sendable {
        public var window: MaintenanceWindow
        public var activeNow: Bool

        public init(window: MaintenanceWindow, activeNow: Bool) {
            self.window = window
            self.activeNow = activeNow
        }
    }

    public var list: @Sendable () async -> [Listed]
    /// Validates the window's `time_intervals` and stores it; `.failure` carries a message for a 400.
    public var create: @Sendable (_ window: MaintenanceWindow) async throws -> Result<Void, MaintenanceError>
    /// False when no window has the id.
    public var delete: @Sendable (_ id: String) async throws -> Bool

    public init(
        list: @escaping @Sendable () async -> [Listed],
        create: @escaping @Sendable (_ window: MaintenanceWindow) async throws -> Result<Void, MaintenanceError>,
        delete: @escaping @Sendable (_ id: String) async throws -> Bool
    ) {
        self.list = list
        self.create = create
        self.delete = delete
    }

    /// No maintenance support: empty list, creation refused.
    public static let none = MaintenanceAccess(
        list: { [] }, create: { _ in .failure(MaintenanceError(message: "maintenance windows are not available")) },
        delete: { _ in false })
}

/// Why a maintenance window was refused.
public struct MaintenanceError: Error, Sendable, Equatable {
    public var message: String

    public init(message: String) { self.message = message }
}
