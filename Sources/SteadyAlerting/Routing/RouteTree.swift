public import SteadyModel

/// Alertmanager's routing tree with inheritance resolved: each node knows its effective receiver, grouping and
/// timings. ``match(_:)`` returns the routes an alert goes to, in tree order, exactly as Alertmanager's
/// `Route.Match`: depth first; a node matches when all its matchers do; its children are tried in order and the
/// first match wins unless that child has `continue: true`; a matching node whose children all fail is itself the
/// destination.
///
/// ```swift
/// let tree = RouteTree(root: config.route)
/// tree.match(Labels(["service": "checkout", "severity": "page"])).map(\.receiver)   // ["checkout-pager"]
/// ```
public struct RouteTree: Sendable {
    /// A node with its inherited settings resolved.
    public struct Node: Sendable, Equatable {
        public var receiver: String
        public var groupBy: [String]
        public var groupByAll: Bool
        public var matchers: [LabelMatcher]
        public var `continue`: Bool
        public var groupWait: Duration
        public var groupInterval: Duration
        public var repeatInterval: Duration
        public var muteTimeIntervals: [String]
        public var activeTimeIntervals: [String]
        /// Steady's `send_resolved_silenced` (inherited).
        public var sendResolvedSilenced: Bool = false
        public var children: [Node]
        /// Path of child indices from the root (`[]` for the root), a stable route id.
        public var path: [Int]
    }

    public let root: Node

    /// Alertmanager's defaults: group_wait 30s, group_interval 5m, repeat_interval 4h.
    public init(
        root: AlertRoute, defaultGroupWait: Duration = .seconds(30), defaultGroupInterval: Duration = .seconds(300),
        defaultRepeatInterval: Duration = .seconds(4 * 3600)
    ) {
        let base = Node(
            receiver: root.receiver ?? "", groupBy: [], groupByAll: false, matchers: [], continue: false,
            groupWait: defaultGroupWait, groupInterval: defaultGroupInterval, repeatInterval: defaultRepeatInterval,
            muteTimeIntervals: [], activeTimeIntervals: [], children: [], path: [])
        var resolved = Self.resolve(root, parent: base, path: [])
        // The root matches everything and never continues.
        resolved.matchers = []
        resolved.continue = false
        self.root = resolved
    }

    private static func resolve(_ route: AlertRoute, parent: Node, path: [Int]) -> Node {
        var node = parent
        node.path = path
        node.matchers = route.matchers
        node.continue = route.continue
        if let receiver = route.receiver { node.receiver = receiver }
        if let groupBy = route.groupBy {
            node.groupByAll = groupBy.contains("...")
            node.groupBy = node.groupByAll ? [] : groupBy
        }
        if let wait = route.groupWait { node.groupWait = wait }
        if let interval = route.groupInterval { node.groupInterval = interval }
        if let repetition = route.repeatInterval { node.repeatInterval = repetition }
        // Time intervals are not inherited in Alertmanager.
        node.muteTimeIntervals = route.muteTimeIntervals
        node.activeTimeIntervals = route.activeTimeIntervals
        if let sendResolvedSilenced = route.sendResolvedSilenced { node.sendResolvedSilenced = sendResolvedSilenced }
        node.children = route.routes.enumerated().map { index, child in
            resolve(child, parent: node, path: path + [index])
        }
        return node
    }

    /// The destinations of an alert with `labels`, in tree order.
    public func match(_ labels: Labels) -> [Node] { Self.match(root, labels) }

    private static func match(_ node: Node, _ labels: Labels) -> [Node] {
        guard node.matchers.allSatisfy({ $0.matches(labels[$0.name] ?? "") }) else { return [] }
        var all: [Node] = []
        for child in node.children {
            let matches = match(child, labels)
            all.append(contentsOf: matches)
            if !matches.isEmpty && !child.continue { break }
        }
        return all.isEmpty ? [node] : all
    }

    /// Like ``match(_:)``, but each destination with the nodes leading to it from the root (for route keys).
    public func matchPaths(_ labels: Labels) -> [[Node]] { Self.matchPaths(root, labels, []) }

    private static func matchPaths(_ node: Node, _ labels: Labels, _ ancestors: [Node]) -> [[Node]] {
        guard node.matchers.allSatisfy({ $0.matches(labels[$0.name] ?? "") }) else { return [] }
        let path = ancestors + [node]
        var all: [[Node]] = []
        for child in node.children {
            let matches = matchPaths(child, labels, path)
            all.append(contentsOf: matches)
            if !matches.isEmpty && !child.continue { break }
        }
        return all.isEmpty ? [path] : all
    }
}
