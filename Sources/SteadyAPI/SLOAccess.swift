public import SteadyModel

/// What the API needs from the SLO engine (wired by the server).
///
/// ```swift
/// deps.slo = SLOAccess(
///     statuses: { await runtime.currentStatuses() },
///     series: { id, from, to, step in try await runtime.series(id: id, from: from, to: to, step: step) },
///     rules: { slothNames in exporter.rules(for: slos, slothNames: slothNames) },
///     openSLO: { exporter.openSLO(slos) },
///     convert: { text, name in try importer.convert(text, fileName: name) })
/// ```
public struct SLOAccess: Sendable {
    /// Every SLO's latest status, in configuration order.
    public var statuses: @Sendable () async -> [SLOStatus]
    /// Chart series of one SLO over `[from, to]`; nil when the SLO does not exist.
    public var series:
        @Sendable (_ id: String, _ from: WallInstant, _ to: WallInstant, _ step: Duration) async throws -> SLOSeries?
    /// Prometheus recording and alerting rules (YAML) for every SLO; `true` for Sloth-compatible series names.
    public var rules: @Sendable (_ slothNames: Bool) throws -> String
    /// Every SLO as OpenSLO v1 YAML.
    public var openSLO: @Sendable () throws -> String
    /// Converts a Sloth, OpenSLO or Pyrra document into Steady's `services:` YAML (warnings included as comments).
    public var convert: @Sendable (_ text: String, _ fileName: String) throws -> String

    public init(
        statuses: @escaping @Sendable () async -> [SLOStatus],
        series:
            @escaping @Sendable (_ id: String, _ from: WallInstant, _ to: WallInstant, _ step: Duration) async throws ->
            SLOSeries?,
        rules: @escaping @Sendable (_ slothNames: Bool) throws -> String,
        openSLO: @escaping @Sendable () throws -> String,
        convert: @escaping @Sendable (_ text: String, _ fileName: String) throws -> String
    ) {
        self.statuses = statuses
        self.series = series
        self.rules = rules
        self.openSLO = openSLO
        self.convert = convert
    }

    /// No SLO engine: empty lists, and the format routes answer 404.
    public static let none = SLOAccess(
        statuses: { [] }, series: { _, _, _, _ in nil },
        rules: { _ in throw APIError.notFound("no SLO engine") },
        openSLO: { throw APIError.notFound("no SLO engine") },
        convert: { _, _ in throw APIError.notFound("no SLO engine") })
}
