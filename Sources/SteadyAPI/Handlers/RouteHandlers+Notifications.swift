import Hummingbird
import SteadyModel

extension RouteHandlers {
    /// `GET /api/v1/notifications?receiver=&state=pending|delivered|failed&since=&limit=`: the notification history,
    /// newest first.
    func listNotifications(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        var filter = OutboxQuery(receiver: query.string("receiver"), since: try query.time("since"), limit: 100)
        if let text = query.string("state") {
            guard let state = OutboxItem.State(rawValue: text) else {
                throw APIError.badRequest("state must be one of pending, delivered, failed (got \"\(text)\")")
            }
            filter.state = state
        }
        if let text = query.string("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else {
                throw APIError.badRequest("limit must be a number from 1 to 1000 (got \"\(text)\")")
            }
            filter.limit = limit
        }
        let items = try await deps.store.outboxItems(filter)
        return try JSONResponse.make(NotificationListBody(notifications: items.map(NotificationBody.init)))
    }

    /// `GET /api/v1/notifications/{id}`.
    func notificationDetail(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let item = try await deps.store.outboxItem(id: id) else {
            throw APIError.notFound("notification \"\(id)\" not found")
        }
        return try JSONResponse.make(NotificationBody(item))
    }
}
