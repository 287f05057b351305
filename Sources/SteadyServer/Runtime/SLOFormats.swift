import SteadyConfig
public import SteadyModel
import SteadySLO

/// SLO formats in and out (Prometheus rules, OpenSLO, Sloth/OpenSLO/Pyrra conversion), shared by the CLI and the
/// API.
public enum SLOFormats {
    /// Prometheus recording and alerting rules for `slos`.
    public static func rules(for slos: [SLOSpec], slothNames: Bool) throws -> String {
        PrometheusRuleExporter(naming: slothNames ? .sloth : .steady).rules(for: slos)
    }

    /// `slos` as OpenSLO v1 YAML.
    public static func openSLO(_ slos: [SLOSpec]) throws -> String {
        OpenSLOExporter.export(slos)
    }

    /// A Sloth, OpenSLO or Pyrra document as Steady's `services:` YAML, warnings as comments at the top.
    public static func convert(_ text: String, fileName: String) throws -> String {
        let result = try SLOImporter.import(text: text, fileName: fileName)
        var comments = ["Imported by Steady from \(fileName) (\(result.format)): \(result.slos.count) SLOs."]
        comments += result.warnings.map(\.description)
        return SteadySLOWriter.servicesYAML(result.slos, comments: comments)
    }
}
