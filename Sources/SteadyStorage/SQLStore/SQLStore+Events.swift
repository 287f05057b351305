import Foundation
import SQLKit
public import SteadyModel

extension SQLStore {
    private static let eventTable = "events"
    private static let eventColumns = ["time_ns", "kind", "severity", "service", "message", "attributes"]

    /// Appends `event` to the log and returns it with its id. Ids only grow, so a later event has a larger id.
    @discardableResult
    public func appendEvent(_ event: NewEvent) async throws -> Event {
        let attributes = try Self.encodeAttributes(event.attributes)
        let id = try await withDatabase("appendEvent") { database in
            let row = try await database.insert(into: Self.eventTable)
                .columns(Self.eventColumns)
                .values(
                    event.time.nanosecondsSinceEpoch, event.kind, event.severity.rawValue, event.service,
                    event.message, attributes
                )
                .returning("id")
                .first()
            guard let row else { throw StorageError.database("appendEvent: the insert returned no id") }
            return try row.decode(column: "id", as: Int64.self)
        }
        return Event(
            id: id, time: event.time, kind: event.kind, severity: event.severity, service: event.service,
            message: event.message, attributes: event.attributes)
    }

    /// Events matching `query`, newest (highest id) first: `from <= time < to`, exact `service`, `kind` exactly or
    /// by prefix when it ends with `.`, ids below `beforeID`, at most `limit` of them.
    public func events(_ query: EventQuery) async throws -> [Event] {
        guard query.limit > 0 else { return [] }
        return try await withDatabase("events") { database in
            let select = database.select()
                .column("id").columns(Self.eventColumns)
                .from(Self.eventTable)
            if let from = query.from { select.where("time_ns", .greaterThanOrEqual, from.nanosecondsSinceEpoch) }
            if let to = query.to { select.where("time_ns", .lessThan, to.nanosecondsSinceEpoch) }
            if let service = query.service { select.where("service", .equal, service) }
            if let kind = query.kind {
                if kind.hasSuffix(".") {
                    // Not LIKE: `_` and `%` are wildcards there and SQLite's LIKE ignores case.
                    select.where(
                        SQLFunction(
                            "substr", args: SQLColumn("kind"), SQLLiteral.numeric("1"),
                            SQLBind(kind.unicodeScalars.count)),
                        .equal, SQLBind(kind))
                } else {
                    select.where("kind", .equal, kind)
                }
            }
            if let beforeID = query.beforeID { select.where("id", .lessThan, beforeID) }
            let rows = try await select.orderBy("id", .descending).limit(query.limit).all()
            let decoder = JSONDecoder()
            return try rows.map { try Self.event(from: $0, decoder: decoder) }
        }
    }

    private static func event(from row: any SQLRow, decoder: JSONDecoder) throws -> Event {
        let id = try row.decode(column: "id", as: Int64.self)
        let severityText = try row.decode(column: "severity", as: String.self)
        guard let severity = Event.Severity(rawValue: severityText) else {
            throw StorageError.invalidData("event \(id) has an unknown severity '\(severityText)'")
        }
        let attributesJSON = try row.decode(column: "attributes", as: String.self)
        let attributes: [String: String]
        do {
            attributes = try decoder.decode([String: String].self, from: Data(attributesJSON.utf8))
        } catch {
            throw StorageError.invalidData("event \(id) has attributes that are not a string map: \(attributesJSON)")
        }
        return Event(
            id: id,
            time: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "time_ns", as: Int64.self)),
            kind: try row.decode(column: "kind", as: String.self),
            severity: severity,
            service: try row.decode(column: "service", as: String?.self),
            message: try row.decode(column: "message", as: String.self),
            attributes: attributes
        )
    }

    private static func encodeAttributes(_ attributes: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(attributes), as: UTF8.self)
        } catch {
            throw StorageError.invalidData("event attributes cannot be encoded: \(error)")
        }
    }
}
