import Hummingbird
import SteadyModel

/// The query parameters of `GET /api/v2/alerts` and `/alerts/groups`: `active`, `silenced`, `inhibited`,
/// `unprocessed` (booleans, default true), `filter` (repeated Alertmanager matchers, all must match) and
/// `receiver` (a regular expression over receiver names).
struct AlertmanagerAlertFilter {
    var active = true
    var silenced = true
    var inhibited = true
    var matchers: [LabelMatcher] = []
    var receiver: LabelMatcher?

    init(_ query: QueryParameters, request: Request) throws {
        active = try Self.flag(query, "active")
        silenced = try Self.flag(query, "silenced")
        inhibited = try Self.flag(query, "inhibited")
        for text in request.uri.queryParameters.getAll("filter") {
            do {
                matchers += try AlertMatcherParser.parse(String(text))
            } catch {
                throw APIError.badRequest("bad matcher format: \(text)")
            }
        }
        if let pattern = query.string("receiver") {
            do {
                receiver = try LabelMatcher(name: "receiver", op: .regexMatch, value: pattern, dialect: .alertmanager)
            } catch {
                throw APIError.badRequest("failed to parse receiver param: \(pattern)")
            }
        }
    }

    static func flag(_ query: QueryParameters, _ name: String) throws -> Bool {
        guard let text = query.string(name) else { return true }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.badRequest("\(name) must be true or false")
        }
    }

    func includes(_ state: AlertAccess.AlertState) -> Bool {
        let isSilenced = !state.silencedBy.isEmpty
        let isInhibited = !state.inhibitedBy.isEmpty
        if !silenced && isSilenced { return false }
        if !inhibited && isInhibited { return false }
        if !active && !isSilenced && !isInhibited { return false }
        guard matchers.allSatisfy({ $0.matches(state.alert.labels[$0.name] ?? "") }) else { return false }
        if let receiver { return state.receivers.contains { receiver.matches($0) } }
        return true
    }

    func receiverMatches(_ name: String) -> Bool { receiver?.matches(name) ?? true }
}
