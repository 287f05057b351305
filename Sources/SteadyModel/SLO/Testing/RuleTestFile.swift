/// A unit-test file in promtool's format (`promtool test rules`), as Steady reads it to run the same scenarios
/// through its own SLO engine.
public struct RuleTestFile: Sendable, Equatable {
    public var ruleFiles: [String]
    public var evaluationInterval: Duration
    public var tests: [RuleTestGroup]

    public init(ruleFiles: [String], evaluationInterval: Duration = .seconds(60), tests: [RuleTestGroup]) {
        self.ruleFiles = ruleFiles
        self.evaluationInterval = evaluationInterval
        self.tests = tests
    }
}

/// One `tests:` entry: input series at an interval and the alerts expected at given times.
public struct RuleTestGroup: Sendable, Equatable {
    public var name: String?
    public var interval: Duration
    public var inputSeries: [InputSeries]
    public var alertTests: [AlertTestCase]

    public init(name: String?, interval: Duration, inputSeries: [InputSeries], alertTests: [AlertTestCase]) {
        self.name = name
        self.interval = interval
        self.inputSeries = inputSeries
        self.alertTests = alertTests
    }
}

/// `series` and its expanded `values`: one entry per interval step; nil for `_` (no sample) or `stale`.
public struct InputSeries: Sendable, Equatable {
    public var name: String
    public var labels: Labels
    public var values: [Double?]

    public init(name: String, labels: Labels, values: [Double?]) {
        self.name = name
        self.labels = labels
        self.values = values
    }
}

/// `alert_rule_test` entry.
public struct AlertTestCase: Sendable, Equatable {
    public var evalTime: Duration
    public var alertname: String
    public var expected: [ExpectedAlert]

    public init(evalTime: Duration, alertname: String, expected: [ExpectedAlert]) {
        self.evalTime = evalTime
        self.alertname = alertname
        self.expected = expected
    }
}

/// `exp_alerts` entry.
public struct ExpectedAlert: Sendable, Equatable {
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(labels: [String: String], annotations: [String: String]) {
        self.labels = labels
        self.annotations = annotations
    }
}
