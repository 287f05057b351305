/// The Alertmanager-shaped part of Steady's configuration: `route`, `receivers`, `inhibit_rules`, `time_intervals`
/// (and `mute_time_intervals`), `templates` and the `global` settings the pipeline uses. Accepted verbatim from an
/// Alertmanager config file or as top-level sections of `steady.yml`.
public struct AlertingConfiguration: Sendable, Equatable {
    public var route: AlertRoute
    public var receivers: [ReceiverConfig]
    public var inhibitRules: [InhibitRule]
    public var timeIntervals: [TimeIntervalSet]
    /// Template files (paths as written, relative to the config file).
    public var templates: [String]
    /// `global.resolve_timeout`: `endsAt` of alerts sent without one (default 5m).
    public var resolveTimeout: Duration

    public init(
        route: AlertRoute = AlertRoute(receiver: "default"),
        receivers: [ReceiverConfig] = [ReceiverConfig(name: "default")],
        inhibitRules: [InhibitRule] = [], timeIntervals: [TimeIntervalSet] = [], templates: [String] = [],
        resolveTimeout: Duration = .seconds(300)
    ) {
        self.route = route
        self.receivers = receivers
        self.inhibitRules = inhibitRules
        self.timeIntervals = timeIntervals
        self.templates = templates
        self.resolveTimeout = resolveTimeout
    }

    public func receiver(named name: String) -> ReceiverConfig? { receivers.first { $0.name == name } }
}
