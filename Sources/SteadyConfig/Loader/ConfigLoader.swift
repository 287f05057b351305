public import Foundation
import SteadyModel
import Yams

/// Reads `steady.yml` into a validated `SteadyConfiguration`.
///
/// Every problem becomes a `ConfigDiagnostic` pointing at the offending node; a file with errors throws a
/// `ConfigError` listing all of them.
///
/// ```swift
/// let loader = ConfigLoader(environment: ["STEADY_ADMIN_TOKEN": token])
/// do {
///     let loaded = try loader.load(path: "steady.yml")
///     loaded.warnings.forEach { print($0) }
///     print(loaded.configuration.services.map(\.name))
/// } catch {
///     error.diagnostics.forEach { print($0) } // steady.yml:12:17: error: services[0].scrape.interval: …
/// }
/// ```
public struct ConfigLoader: Sendable {
    /// Files larger than this are refused before parsing.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// Variables available to `${VAR}` interpolation.
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Reads and parses the file at `path`; diagnostics name the file as `path` was given.
    public func load(path: String) throws(ConfigError) -> LoadedConfiguration {
        let data: Data
        do {
            data = try Self.read(path: path)
        } catch {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(file: path, line: 0, column: 0, severity: .error, message: error.message)
            ])
        }
        let bytes = [UInt8](data)
        if let invalid = Self.firstInvalidUTF8Offset(in: bytes) {
            let prefix = String(decoding: bytes[..<invalid], as: UTF8.self)
            let position = SourceText.position(ofUTF8Offset: prefix.utf8.count, in: prefix)
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: path, line: position.line, column: position.column, severity: .error,
                    message: "the file is not valid UTF-8 text (byte 0x\(String(bytes[invalid], radix: 16)))")
            ])
        }
        return try parse(yaml: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Parses configuration text; `file` is only used to name it in diagnostics.
    ///
    /// An empty document (or one with only comments) loads the default configuration with a warning.
    public func parse(yaml: String, file: String) throws(ConfigError) -> LoadedConfiguration {
        var text = yaml
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let source = SourceText(text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            throw ConfigError(
                diagnostics: YamlErrorTranslator.diagnostics(for: error, file: file, text: text, source: source))
        }
        var reader = ConfigReader(file: file, source: source, environment: environment)
        let configuration: SteadyConfiguration
        if let root, !ConfigReader.isNull(root) {
            configuration = reader.configuration(root)
        } else {
            reader.warning("the file is empty; using the default configuration", at: .start)
            configuration = SteadyConfiguration()
        }
        let diagnostics = Self.sorted(reader.diagnostics)
        if reader.hasErrors { throw ConfigError(diagnostics: diagnostics) }
        return LoadedConfiguration(configuration: configuration, warnings: diagnostics)
    }

    private static func sorted(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.line, lhs.element.column, lhs.offset)
            let right = (rhs.element.line, rhs.element.column, rhs.offset)
            return left < right
        }.map(\.element)
    }

    private struct ReadFailure: Error {
        let message: String
    }

    private static func read(path: String) throws(ReadFailure) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadFailure(message: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadFailure(message: "is a directory, expected a YAML file") }
        let url = URL(fileURLWithPath: path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > maximumFileSize
        {
            throw ReadFailure(message: "the file is \(size) bytes, larger than the \(maximumFileSize) bytes allowed")
        }
        do {
            let data = try Data(contentsOf: url)
            guard data.count <= maximumFileSize else {
                throw ReadFailure(message: "the file is larger than the \(maximumFileSize) bytes allowed")
            }
            return data
        } catch let failure as ReadFailure {
            throw failure
        } catch {
            throw ReadFailure(message: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
