/// A node of Alertmanager's routing tree, as configured (`route:` in an Alertmanager or Steady config). Unset
/// fields inherit from the parent when the tree is built (see SteadyAlerting's `RouteTree`).
public struct AlertRoute: Sendable, Equatable {
    public var receiver: String?
    /// `group_by` label names; nil inherits. `...` groups by all labels.
    public var groupBy: [String]?
    /// All of them must match (from `matchers`, `match` and `match_re`).
    public var matchers: [LabelMatcher]
    /// Keep matching siblings after this route matched.
    public var `continue`: Bool
    public var groupWait: Duration?
    public var groupInterval: Duration?
    public var repeatInterval: Duration?
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]
    /// Steady's `send_resolved_silenced` (nil inherits; default false): resolved notices also go out for alerts that
    /// were notified as firing and then silenced or inhibited before they resolved (prometheus/alertmanager#226).
    public var sendResolvedSilenced: Bool?
    public var routes: [AlertRoute]

    public init(
        receiver: String? = nil, groupBy: [String]? = nil, matchers: [LabelMatcher] = [], continue: Bool = false,
        groupWait: Duration? = nil, groupInterval: Duration? = nil, repeatInterval: Duration? = nil,
        muteTimeIntervals: [String] = [], activeTimeIntervals: [String] = [], sendResolvedSilenced: Bool? = nil,
        routes: [AlertRoute] = []
    ) {
        self.sendResolvedSilenced = sendResolvedSilenced
        self.receiver = receiver
        self.groupBy = groupBy
        self.matchers = matchers
        self.continue = `continue`
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.routes = routes
    }
}
