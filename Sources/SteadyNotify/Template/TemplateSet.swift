import SteadyModel

/// Named templates (`{{ define "name" }}…{{ end }}`) and the renderer for configuration strings.
///
/// ``defaults`` holds Steady's equivalents of Alertmanager's `default.tmpl` (`__subject`, `slack.default.title`,
/// `pagerduty.default.description`, `email.default.subject`, …). User template files (`templates:`) are added on top
/// and override definitions of the same name.
///
/// ```swift
/// var templates = TemplateSet.defaults
/// try templates.add(#"{{ define "team.title" }}{{ .CommonLabels.team | toUpper }}{{ end }}"#, name: "team.tmpl")
/// let title = try templates.render(#"{{ template "team.title" . }}"#, data: TemplateData(notification))
/// ```
///
/// Supported syntax: text/template actions, pipelines, variables, `if`/`else if`/`else`, `range` (with `break`,
/// `continue`, `else`), `with`, `define`, `template`, `block`, trim markers and comments. Functions: `toUpper`,
/// `toLower`, `title`, `join`, `match`, `reReplaceAll`, `safeHtml`, `stringSlice`, `trimSpace`, and Go's `len`,
/// `index`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `and`, `or`, `not`, `print`, `printf`, `println`, `html`, `urlquery`,
/// `js`. HTML bodies escape every action's output unless it went through `safeHtml` (a simplification of
/// html/template's contextual escaping).
public struct TemplateSet: Sendable {
    private var definitions: [String: [TemplateNode]] = [:]

    /// An empty set (no default templates).
    public init() {}

    /// Steady's default templates.
    public static let defaults: TemplateSet = {
        var set = TemplateSet()
        do {
            try set.add(DefaultTemplates.source, name: "default.tmpl")
        } catch {
            preconditionFailure("default templates do not parse: \(error)")
        }
        return set
    }()

    /// The names of the defined templates, sorted.
    public var names: [String] { definitions.keys.sorted() }

    /// Parses `source` and adds (or replaces) the templates it defines. Text outside `define` is ignored, as in a
    /// template file.
    public mutating func add(_ source: String, name: String) throws(TemplateError) {
        let parsed = try TemplateParser.parse(source, name: name)
        definitions.merge(parsed.definitions) { _, new in new }
    }

    /// Checks that `text` parses, without executing it (for configuration validation).
    public static func validate(_ text: String, name: String = "inline") throws(TemplateError) {
        _ = try TemplateParser.parse(text, name: name)
    }

    /// Executes `text` (a template in a configuration field) with `data` as dot.
    /// - Parameter html: escape action output for an HTML body.
    public func render(_ text: String, data: TemplateData, html: Bool = false, name: String = "inline")
        throws(TemplateError) -> String
    {
        if !text.contains("{{") { return text }
        return try render(text, dot: .data(data), html: html, name: name)
    }

    func render(_ text: String, dot: TemplateValue, html: Bool, name: String) throws(TemplateError) -> String {
        let parsed = try TemplateParser.parse(text, name: name)
        var all = definitions
        all.merge(parsed.definitions) { _, new in new }
        var executor = TemplateExecutor(definitions: all, escapeHTML: html, name: name)
        return try executor.run(parsed.nodes, dot: dot)
    }

    /// Executes the defined template `name` with `data` as dot.
    public func execute(_ name: String, data: TemplateData, html: Bool = false) throws(TemplateError) -> String {
        guard let body = definitions[name] else {
            throw TemplateError(name: name, line: 0, column: 0, message: "no such template \"\(name)\"")
        }
        var executor = TemplateExecutor(definitions: definitions, escapeHTML: html, name: name)
        return try executor.run(body, dot: .data(data))
    }
}
