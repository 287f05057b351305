/// The parse tree of a template.
indirect enum TemplateNode: Sendable {
    case text(String)
    case action(TemplatePipeline)
    case ifNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case rangeNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case withNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case templateCall(String, TemplatePipeline?, TemplatePosition)
    case breakNode(TemplatePosition)
    case continueNode(TemplatePosition)
}

/// `$x := cmd | cmd arg`.
struct TemplatePipeline: Sendable {
    var declarations: [String]
    /// `=` rather than `:=`.
    var isAssignment: Bool
    var commands: [TemplateCommand]
    var position: TemplatePosition
}

struct TemplateCommand: Sendable {
    var arguments: [TemplateArgument]
    var position: TemplatePosition
}

indirect enum TemplateArgument: Sendable {
    /// `.A.B` relative to dot (empty path: dot).
    case field([String])
    case variable(String, [String])
    case identifier(String)
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case nilValue
    /// `(pipeline).A.B`.
    case pipeline(TemplatePipeline, [String])
}
