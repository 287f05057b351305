/// The aggregate health for one probe, renderable as `application/health+json`
/// (draft-inadarei-api-health-check: "Health Check Response Format for HTTP APIs").
///
/// The status is the worst contribution of the checks (a failing non-critical check counts as `warn`); no checks
/// means `pass`.
///
/// ```swift
/// let report = await registry.check(.readiness)
/// response.status = report.httpStatusCode
/// response.headers["content-type"] = HealthReport.mediaType
/// response.body = report.jsonBytes()
/// ```
public struct HealthReport: Sendable, Hashable {
    /// `application/health+json`.
    ///
    /// ```swift
    /// headers["content-type"] = HealthReport.mediaType
    /// ```
    public static let mediaType = "application/health+json"

    /// The probe this report answers.
    public var probe: HealthProbe
    /// The aggregate status.
    public var status: HealthStatus
    /// Each check's outcome, in registration order.
    public var checks: [HealthCheckReport]
    /// Top-level service fields.
    public var service: HealthServiceInfo

    /// Creates a report, aggregating the status from `checks`.
    ///
    /// ```swift
    /// let report = HealthReport(probe: .readiness, checks: entries)
    /// ```
    public init(probe: HealthProbe, checks: [HealthCheckReport], service: HealthServiceInfo = .init()) {
        self.probe = probe
        self.checks = checks
        self.service = service
        self.status = checks.map(\.aggregateContribution).max() ?? .healthy
    }

    /// 200 for `pass` and `warn`, 503 for `fail` (the draft asks for 2xx–3xx and 4xx–5xx respectively).
    ///
    /// ```swift
    /// return Response(status: .init(code: report.httpStatusCode))
    /// ```
    public var httpStatusCode: Int { self.status == .unhealthy ? 503 : 200 }

    /// The checks that are not healthy, worst first.
    ///
    /// ```swift
    /// let problems = report.failingChecks.map(\.name)
    /// ```
    public var failingChecks: [HealthCheckReport] {
        self.checks.filter { $0.result.status != .healthy }.sorted { $0.result.status > $1.result.status }
    }

    /// The `application/health+json` document as UTF-8 bytes (built without Foundation).
    ///
    /// Keys are `"component"` for a check without observations and `"component:measurement"` for each
    /// measurement; each key maps to an array of objects with `componentId`, `componentType`, `observedValue`,
    /// `observedUnit`, `status`, `time` and, for `warn`/`fail`, `output`.
    ///
    /// ```swift
    /// let body = report.jsonBytes()
    /// ```
    public func jsonBytes() -> [UInt8] {
        Array(self.json.utf8)
    }

    /// The `application/health+json` document as a string.
    ///
    /// ```swift
    /// print(report.json)  // {"status":"pass","checks":{…}}
    /// ```
    public var json: String {
        var writer = HealthJSONWriter()
        writer.beginObject()
        writer.key("status")
        writer.string(self.status.wireValue)
        if let version = self.service.version { writer.key("version"); writer.string(version) }
        if let releaseId = self.service.releaseId { writer.key("releaseId"); writer.string(releaseId) }
        if let serviceId = self.service.serviceId { writer.key("serviceId"); writer.string(serviceId) }
        if let description = self.service.description { writer.key("description"); writer.string(description) }
        if !self.service.notes.isEmpty {
            writer.key("notes")
            writer.beginArray()
            for note in self.service.notes { writer.string(note) }
            writer.endArray()
        }
        if self.status != .healthy {
            let output = self.failingChecks.map { check in
                check.name + (check.result.output.map { ": " + $0 } ?? ": " + check.result.status.wireValue)
            }
            writer.key("output")
            writer.string(output.joined(separator: "; "))
        }
        writer.key("checks")
        writer.beginObject()
        for (key, entries) in self.groupedEntries() {
            writer.key(key)
            writer.beginArray()
            for entry in entries { Self.write(entry, to: &writer) }
            writer.endArray()
        }
        writer.endObject()
        writer.endObject()
        return writer.text
    }

    private struct Entry {
        var componentId: String?
        var componentType: String?
        var value: HealthValue?
        var unit: String?
        var status: HealthStatus
        var time: HealthTime
        var output: String?
    }

    private func groupedEntries() -> [(String, [Entry])] {
        var order: [String] = []
        var groups: [String: [Entry]] = [:]
        func add(_ key: String, _ entry: Entry) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        for check in self.checks {
            let result = check.result
            if result.observations.isEmpty {
                add(
                    check.name,
                    Entry(
                        componentId: nil, componentType: check.componentType, value: nil, unit: nil,
                        status: result.status, time: check.time, output: result.output))
            }
            for observation in result.observations {
                let status = observation.status ?? result.status
                add(
                    check.name + ":" + observation.measurement,
                    Entry(
                        componentId: observation.componentId, componentType: check.componentType,
                        value: observation.value, unit: observation.unit, status: status, time: check.time,
                        output: observation.output ?? result.output))
            }
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    private static func write(_ entry: Entry, to writer: inout HealthJSONWriter) {
        writer.beginObject()
        if let componentId = entry.componentId { writer.key("componentId"); writer.string(componentId) }
        if let componentType = entry.componentType { writer.key("componentType"); writer.string(componentType) }
        if let value = entry.value { writer.key("observedValue"); writer.value(value) }
        if let unit = entry.unit { writer.key("observedUnit"); writer.string(unit) }
        writer.key("status")
        writer.string(entry.status.wireValue)
        writer.key("time")
        writer.string(entry.time.rfc3339)
        if entry.status != .healthy, let output = entry.output { writer.key("output"); writer.string(output) }
        writer.endObject()
    }
}
