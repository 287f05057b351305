public import SteadyModel
import Yams

/// Imports SLO specs written for other tools: Sloth (`prometheus/v1` and the `PrometheusServiceLevel` CRD),
/// OpenSLO v1 (SLO, SLI, AlertPolicy, AlertCondition, DataSource, Service; several documents per file) and Pyrra
/// (`pyrra.dev/v1alpha1` ServiceLevelObjective). The format is detected per document.
///
/// ```swift
/// let result = try SLOImporter.import(text: yaml, fileName: "sloth.yml")
/// result.slos        // [SLOSpec]
/// result.warnings    // e.g. per-tier Sloth alert labels that Steady does not keep
/// print(SteadySLOWriter.servicesYAML(result.slos))
/// ```
public enum SLOImporter {
    public struct Result: Sendable {
        /// `sloth`, `sloth-crd`, `openslo`, `pyrra` (comma-separated when a file mixes them).
        public var format: String
        public var slos: [SLOSpec]
        public var warnings: [ConfigDiagnostic]
    }

    public static func `import`(text: String, fileName: String) throws(ConfigError) -> Result {
        var reader = YAMLNodeReader(file: fileName)
        let documents: [Node]
        do {
            documents = try Array(Yams.compose_all(yaml: text)).filter { $0.mapping != nil || $0.sequence != nil }
        } catch {
            throw reader.failure("invalid YAML: \(error)", at: nil)
        }
        guard !documents.isEmpty else { throw reader.failure("no YAML document found", at: nil) }
        var slos: [SLOSpec] = []
        var formats: [String] = []
        var openSLO: [Node] = []
        for document in documents {
            let version = reader.optionalString(reader.child(document, "version"))
            let apiVersion = reader.optionalString(reader.child(document, "apiVersion"))
            let kind = reader.optionalString(reader.child(document, "kind"))
            switch (version, apiVersion, kind) {
            case ("prometheus/v1", _, _):
                slos += try SlothImporter.spec(document, reader: &reader, crd: false)
                formats.append("sloth")
            case (_, "sloth.slok.dev/v1", "PrometheusServiceLevel"):
                guard let spec = reader.child(document, "spec") else {
                    throw reader.failure("PrometheusServiceLevel: missing spec", at: document)
                }
                slos += try SlothImporter.spec(spec, reader: &reader, crd: true)
                formats.append("sloth-crd")
            case (_, "openslo/v1", _):
                openSLO.append(document)
                formats.append("openslo")
            case (_, "pyrra.dev/v1alpha1", "ServiceLevelObjective"):
                slos.append(try PyrraImporter.slo(document, reader: &reader))
                formats.append("pyrra")
            default:
                throw reader.failure(
                    "unknown document: expected Sloth (version: prometheus/v1, or apiVersion: sloth.slok.dev/v1 "
                        + "kind: PrometheusServiceLevel), OpenSLO (apiVersion: openslo/v1) or Pyrra (apiVersion: "
                        + "pyrra.dev/v1alpha1 kind: ServiceLevelObjective)",
                    at: document)
            }
        }
        if !openSLO.isEmpty { slos += try OpenSLOImporter.slos(openSLO, reader: &reader) }
        var seen = Set<String>()
        for slo in slos where !seen.insert(slo.id).inserted {
            throw reader.failure("SLO \(slo.id) is defined twice", at: nil)
        }
        var unique: [String] = []
        for format in formats where !unique.contains(format) { unique.append(format) }
        return Result(format: unique.joined(separator: ","), slos: slos, warnings: reader.warnings)
    }

    /// A Steady name from a foreign one: lowercase letters, digits, `-` and `_`.
    static func name(_ text: String) -> String {
        let mapped = text.map { character -> Character in
            character.isLetter || character.isNumber || character == "-" || character == "_" ? character : "-"
        }
        return String(mapped)
    }
}
