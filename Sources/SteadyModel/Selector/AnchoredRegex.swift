/// A fully anchored regular expression (`^(?:re)$`), as PromQL label matchers use.
struct AnchoredRegex: Sendable {
    let pattern: String
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws(SelectorError) {
        self.pattern = pattern
        do {
            regex = try Regex("^(?:" + pattern + ")$")
        } catch {
            throw SelectorError.invalidRegex(pattern, reason: "\(error)")
        }
    }

    func matches(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }
}

extension Regex: @retroactive @unchecked Sendable {}
