/// One problem found in a configuration file, with the position of the offending YAML node.
///
/// `description` is the line a compiler would print, so editors and CI annotate it:
///
/// ```swift
/// let diagnostic = ConfigDiagnostic(
///     file: "steady.yml", line: 12, column: 17, severity: .error,
///     message: #"services[0].scrape.interval: found "ten seconds", expected a duration like 15s or 1m30s"#
/// )
/// print(diagnostic)
/// // steady.yml:12:17: error: services[0].scrape.interval: found "ten seconds", expected a duration like 15s or 1m30s
/// ```
public struct ConfigDiagnostic: Sendable, Error, Equatable, CustomStringConvertible {
    /// Errors make the configuration unusable; warnings are printed and the configuration is still loaded.
    public enum Severity: String, Sendable, Equatable, CaseIterable {
        case error
        case warning
    }

    /// The path of the file as it was given to the loader.
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file (missing, unreadable).
    public var line: Int
    /// 1-based column, counted in Unicode scalars; 0 when `line` is 0.
    public var column: Int
    public var severity: Severity
    /// What is wrong, starting with the key path (`services[0].scrape.interval: …`) when there is one.
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: error: message` (or `warning:`); `file: error: message` when there is no position.
    public var description: String {
        if line <= 0 { return "\(file): \(severity.rawValue): \(message)" }
        return "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }
}
