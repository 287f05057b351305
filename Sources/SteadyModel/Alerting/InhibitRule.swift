/// Alertmanager's inhibition rule: while an alert matching `sourceMatchers` fires, alerts matching `targetMatchers`
/// that carry the same values for every label in `equal` are muted (an alert never inhibits itself).
public struct InhibitRule: Sendable, Equatable {
    public var sourceMatchers: [LabelMatcher]
    public var targetMatchers: [LabelMatcher]
    public var equal: [String]

    public init(sourceMatchers: [LabelMatcher], targetMatchers: [LabelMatcher], equal: [String] = []) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal
    }
}
