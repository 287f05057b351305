/// A template that cannot be parsed or executed, with Go's `template: name:line:column: message` shape.
///
/// ```swift
/// do { _ = try TemplateSet.defaults.render("{{ .Nope", data: data) } catch { print(error) }
/// // template: inline:1:9: unclosed action
/// ```
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's name (`inline` for configuration strings).
    public var name: String
    /// 1-based line and column (in bytes) where the problem is, 0 when unknown.
    public var line: Int
    public var column: Int
    public var message: String

    public init(name: String, line: Int, column: Int, message: String) {
        self.name = name
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if line <= 0 { return "template: \(name): \(message)" }
        return "template: \(name):\(line):\(column): \(message)"
    }
}
