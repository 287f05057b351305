import Foundation
import SteadyModel

@testable import SteadyAPI

/// The `POST /api/v2/alerts` decoder Steady used before ``PostableAlertsDecoder`` (JSONSerialization, then casts),
/// kept as the differential oracle for it. Errors follow go-swagger's wording.
enum FoundationPostableAlertsDecoder {
    typealias Failure = PostableAlertsDecoder.Failure

    static func decode(_ data: Data) throws(Failure) -> [PostableAlert] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .badRequest("parsing alerts body failed: the body is not valid JSON")
        }
        guard let elements = root as? [Any] else {
            throw .badRequest("parsing alerts body failed: expected a JSON array of alerts")
        }
        var alerts: [PostableAlert] = []
        alerts.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let object = element as? [String: Any] else {
                throw .badRequest("parsing alerts body failed: \(index): expected an object")
            }
            guard let labelsValue = object["labels"], !(labelsValue is NSNull) else {
                throw .unprocessable("\(index).labels in body is required")
            }
            let labels = try strings(labelsValue, field: "\(index).labels")
            let annotations = try object["annotations"].map { (value) throws(Failure) in
                try strings(value, field: "\(index).annotations")
            }
            alerts.append(
                PostableAlert(
                    labels: labels, annotations: annotations ?? [:],
                    startsAt: try time(object["startsAt"], field: "\(index).startsAt"),
                    endsAt: try time(object["endsAt"], field: "\(index).endsAt"),
                    generatorURL: try string(object["generatorURL"], field: "\(index).generatorURL") ?? ""))
        }
        return alerts
    }

    private static func strings(_ value: Any, field: String) throws(Failure) -> [String: String] {
        if value is NSNull { return [:] }
        guard let object = value as? [String: Any] else {
            throw .badRequest("\(field) in body must be of type object")
        }
        var result: [String: String] = [:]
        result.reserveCapacity(object.count)
        for (key, item) in object {
            guard let text = item as? String else {
                throw .badRequest("\(field).\(key) in body must be of type string")
            }
            result[key] = text
        }
        return result
    }

    private static func string(_ value: Any?, field: String) throws(Failure) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw .badRequest("\(field) in body must be of type string") }
        return text
    }

    /// Go's zero time (`0001-01-01T00:00:00Z`) and empty strings mean "not set".
    private static func time(_ value: Any?, field: String) throws(Failure) -> WallInstant? {
        guard let text = try string(value, field: field), !text.isEmpty, !text.hasPrefix("0001-01-01T00:00:00")
        else { return nil }
        guard let instant = Timestamp.parse(text) else {
            throw .badRequest("\(field) in body must be of type date-time: \"\(text)\"")
        }
        return instant
    }
}
