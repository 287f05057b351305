import Foundation
import SteadyNotify

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads the configuration's `templates:` file globs (relative to the configuration file, as in Alertmanager) on
/// top of Alertmanager's default templates.
enum NotificationTemplates {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ patterns: [String], relativeTo configPath: String?) throws -> TemplateSet {
        var templates = TemplateSet.defaults
        let base = configPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "."
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
            for path in expand(absolute) {
                let text: String
                do {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw LoadError(description: "templates: cannot read \(path): \(error.localizedDescription)")
                }
                do {
                    try templates.add(text, name: path)
                } catch {
                    throw LoadError(description: "templates: \(error.description)")
                }
            }
        }
        return templates
    }

    /// The files matching a shell glob, sorted; none when nothing matches (Alertmanager ignores empty globs too).
    static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
