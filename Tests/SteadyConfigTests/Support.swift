import SteadyConfig
import SteadyModel

/// Helpers shared by the SteadyConfig tests.
enum Fixture {
    static let secret = "s3cret-s3cret-s3cret-s3cret"

    /// Loads `yaml` as `steady.yml` with an injected environment.
    static func load(_ yaml: String, environment: [String: String] = [:]) -> Result<LoadedConfiguration, ConfigError> {
        do throws(ConfigError) {
            return .success(try ConfigLoader(environment: environment).parse(yaml: yaml, file: "steady.yml"))
        } catch {
            return .failure(error)
        }
    }

    /// The `description` of every diagnostic (errors and warnings), in file order.
    static func diagnostics(_ yaml: String, environment: [String: String] = [:]) -> [String] {
        switch load(yaml, environment: environment) {
        case .success(let loaded): loaded.warnings.map(\.description)
        case .failure(let error): error.diagnostics.map(\.description)
        }
    }

    /// Only the error lines.
    static func errors(_ yaml: String, environment: [String: String] = [:]) -> [String] {
        switch load(yaml, environment: environment) {
        case .success: []
        case .failure(let error): error.errors.map(\.description)
        }
    }
}
