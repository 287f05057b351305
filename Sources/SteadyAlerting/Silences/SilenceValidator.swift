public import SteadyModel

/// Alertmanager 0.25's checks on a posted silence, with its messages: the API handler's time checks
/// (`postSilencesHandler`) and the store's `validateSilence`/`ValidateMatcher`.
///
/// Alertmanager 0.25 does not require a non-empty `comment` or `createdBy`: its OpenAPI model only requires the
/// fields to be present in the JSON body (`comment in body is required`), which is the decoder's job.
///
/// ```swift
/// try SilenceValidator.checkTimes(startsAt: posted.startsAt, endsAt: posted.endsAt, now: now)
/// try SilenceValidator.validateMatchers(posted.matchers)
/// ```
public enum SilenceValidator {
    /// The handler's checks, in its order: `start time must be before end time` (also when equal), then
    /// `end time can't be in the past`.
    public static func checkTimes(startsAt: WallInstant, endsAt: WallInstant, now: WallInstant) throws(SilenceError) {
        if startsAt >= endsAt { throw .request("start time must be before end time") }
        if endsAt < now { throw .request("end time can't be in the past") }
    }

    /// `validateSilence`'s matcher checks: at least one matcher, valid label names, and not all matchers matching
    /// the empty string. As in Alertmanager, only `=` and `=~` matchers count as matching the empty string
    /// (`a!="x"` alone is accepted).
    public static func validateMatchers(_ matchers: [LabelMatcher]) throws(SilenceError) {
        if matchers.isEmpty { throw .invalid("at least one matcher required") }
        var allMatchEmpty = true
        for (index, matcher) in matchers.enumerated() {
            if !AlertIntake.isValidLabelName(matcher.name) {
                throw .invalid(
                    "invalid label matcher \(index): invalid label name \(GoQuote.quoted(matcher.name))")
            }
            allMatchEmpty = allMatchEmpty && matchesEmpty(matcher)
        }
        if allMatchEmpty { throw .invalid("at least one matcher must not match the empty string") }
    }

    /// Builds the matcher at position `index` of a posted silence from the API's fields (`isEqual` defaults to true
    /// in Alertmanager), failing as `ValidateMatcher` does: the name first, then the regular expression.
    public static func matcher(
        name: String, value: String, isEqual: Bool = true, isRegex: Bool, index: Int
    ) throws(SilenceError) -> LabelMatcher {
        guard AlertIntake.isValidLabelName(name) else {
            throw .invalid("invalid label matcher \(index): invalid label name \(GoQuote.quoted(name))")
        }
        let op: LabelMatcher.Operator =
            switch (isEqual, isRegex) {
            case (true, false): .equal
            case (false, false): .notEqual
            case (true, true): .regexMatch
            case (false, true): .regexNoMatch
            }
        do {
            return try LabelMatcher(name: name, op: op, value: value, dialect: .alertmanager)
        } catch {
            let prefix = "invalid regular expression \"\(value)\": "
            var reason = error.description
            if reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
            throw .invalid(
                "invalid label matcher \(index): invalid regular expression \(GoQuote.quoted(value)): "
                    + "error parsing regexp: \(reason): `\(value)`")
        }
    }

    /// Alertmanager's `matchesEmpty`: an `=` matcher with an empty value, or an `=~` matcher whose expression
    /// matches the empty string. Negative matchers never count.
    public static func matchesEmpty(_ matcher: LabelMatcher) -> Bool {
        switch matcher.op {
        case .equal: matcher.value.isEmpty
        case .regexMatch: matcher.matches("")
        case .notEqual, .regexNoMatch: false
        }
    }
}
