/// A configuration that cannot be used, with every problem found in it (not only the first).
///
/// ```swift
/// do {
///     _ = try ConfigLoader().load(path: "steady.yml")
/// } catch {
///     for diagnostic in error.diagnostics { print(diagnostic) }
/// }
/// ```
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All diagnostics in file order: at least one error, plus any warnings found on the way.
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The diagnostics of severity `.error`.
    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
