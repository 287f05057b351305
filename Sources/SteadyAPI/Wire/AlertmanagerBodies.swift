import SteadyModel

/// Alertmanager API v2 `gettableAlert`.
struct GettableAlertBody: Encodable {
    struct Receiver: Encodable { var name: String }
    struct Status: Encodable {
        var inhibitedBy: [String]
        var silencedBy: [String]
        /// `active`, `suppressed` or `unprocessed`.
        var state: String
    }

    var annotations: [String: String]
    var endsAt: String
    var fingerprint: String
    var receivers: [Receiver]
    var startsAt: String
    var status: Status
    var updatedAt: String
    var generatorURL: String
    var labels: [String: String]

    init(_ state: AlertAccess.AlertState) {
        let alert = state.alert
        annotations = alert.annotations.dictionary
        endsAt = Timestamp.format(alert.endsAt)
        fingerprint = alert.fingerprint.hex
        receivers = state.receivers.map(Receiver.init(name:))
        startsAt = Timestamp.format(alert.startsAt)
        let suppressed = !state.silencedBy.isEmpty || !state.inhibitedBy.isEmpty
        status = Status(
            inhibitedBy: state.inhibitedBy, silencedBy: state.silencedBy, state: suppressed ? "suppressed" : "active")
        updatedAt = Timestamp.format(alert.updatedAt)
        generatorURL = alert.generatorURL
        labels = alert.labels.dictionary
    }
}

/// Alertmanager API v2 `alertGroup`.
struct AlertGroupBody: Encodable {
    var alerts: [GettableAlertBody]
    var labels: [String: String]
    var receiver: GettableAlertBody.Receiver
}

/// Alertmanager API v2 `alertmanagerStatus`.
struct AlertmanagerStatusBody: Encodable {
    struct Cluster: Encodable {
        var name: String
        var peers: [String]
        var status: String
    }
    struct Config: Encodable { var original: String }
    struct VersionInfo: Encodable {
        var branch: String
        var buildDate: String
        var buildUser: String
        var goVersion: String
        var revision: String
        var version: String
    }

    var cluster: Cluster
    var config: Config
    var uptime: String
    var versionInfo: VersionInfo
}

/// Alertmanager API v2 `matcher`.
struct SilenceMatcherBody: Codable {
    var name: String
    var value: String
    var isRegex: Bool
    /// Absent in older clients: defaults to true.
    var isEqual: Bool?

    init(_ matcher: LabelMatcher) {
        name = matcher.name
        value = matcher.value
        isRegex = matcher.op == .regexMatch || matcher.op == .regexNoMatch
        isEqual = matcher.op == .equal || matcher.op == .regexMatch
    }

    func matcher() throws -> LabelMatcher {
        let equal = isEqual ?? true
        let op: LabelMatcher.Operator =
            switch (isRegex, equal) {
            case (false, true): .equal
            case (false, false): .notEqual
            case (true, true): .regexMatch
            case (true, false): .regexNoMatch
            }
        return try LabelMatcher(name: name, op: op, value: value, dialect: .alertmanager)
    }
}

/// Alertmanager API v2 `gettableSilence`.
struct GettableSilenceBody: Encodable {
    struct Status: Encodable { var state: String }

    var id: String
    var status: Status
    var updatedAt: String
    var comment: String
    var createdBy: String
    var endsAt: String
    var matchers: [SilenceMatcherBody]
    var startsAt: String

    init(_ silence: Silence, now: WallInstant) {
        id = silence.id
        status = Status(state: silence.state(at: now).rawValue)
        updatedAt = Timestamp.format(silence.updatedAt)
        comment = silence.comment
        createdBy = silence.createdBy
        endsAt = Timestamp.format(silence.endsAt)
        matchers = silence.matchers.map(SilenceMatcherBody.init)
        startsAt = Timestamp.format(silence.startsAt)
    }
}

/// Alertmanager API v2 `postableSilence`.
struct PostableSilenceBody: Decodable {
    var id: String?
    var matchers: [SilenceMatcherBody]
    var startsAt: String
    var endsAt: String
    var createdBy: String
    var comment: String
}
