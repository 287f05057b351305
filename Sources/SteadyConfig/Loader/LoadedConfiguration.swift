public import SteadyModel

/// A configuration that loaded without errors, and the warnings found while validating it.
public struct LoadedConfiguration: Sendable, Equatable {
    public var configuration: SteadyConfiguration
    /// Diagnostics of severity `.warning`, in file order.
    public var warnings: [ConfigDiagnostic]

    public init(configuration: SteadyConfiguration, warnings: [ConfigDiagnostic] = []) {
        self.configuration = configuration
        self.warnings = warnings
    }
}
