/// Recursive-descent parser for the text/template subset: actions, pipelines, `if`/`else if`/`else`, `range`,
/// `with`, `define`, `template`, `block`, variables, `break`/`continue`.
struct TemplateParser {
    static let maximumDepth = 100

    let name: String
    let tokens: [TemplateToken]
    var index = 0
    var depth = 0
    var rangeDepth = 0
    /// `define`d and `block` templates found while parsing.
    var definitions: [String: [TemplateNode]] = [:]

    init(name: String, tokens: [TemplateToken]) {
        self.name = name
        self.tokens = tokens
    }

    /// Parses `source`; returns the top-level nodes and the templates it defines.
    static func parse(
        _ source: String, name: String
    ) throws(TemplateError) -> (
        nodes: [TemplateNode], definitions: [String: [TemplateNode]]
    ) {
        var parser = TemplateParser(name: name, tokens: try TemplateLexer.tokenize(source, name: name))
        let (nodes, terminator) = try parser.list()
        if let terminator {
            throw parser.error("unexpected {{\(terminator.word)}}", at: terminator.position)
        }
        return (nodes, parser.definitions)
    }

    private struct Terminator {
        var word: String
        var position: TemplatePosition
    }

    private var current: TemplateToken { tokens[min(index, tokens.count - 1)] }

    private func error(_ message: String, at position: TemplatePosition? = nil) -> TemplateError {
        let where_ = position ?? current.position
        return TemplateError(name: name, line: where_.line, column: where_.column, message: message)
    }

    private mutating func next() -> TemplateToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func expectRightDelimiter(_ context: String) throws(TemplateError) {
        let token = next()
        guard token.kind == .rightDelimiter else {
            throw error("unexpected \(Self.describe(token.kind)) in \(context)", at: token.position)
        }
    }

    static func describe(_ kind: TemplateTokenKind) -> String {
        switch kind {
        case .text: "text"
        case .leftDelimiter: "\"{{\""
        case .rightDelimiter: "\"}}\""
        case .field(let path): path.isEmpty ? "<.>" : "<.\(path.joined(separator: "."))>"
        case .chain(let path): "<.\(path.joined(separator: "."))>"
        case .variable(let name, _): "<\(name)>"
        case .identifier(let word), .keyword(let word): "<\(word)>"
        case .string(let text): "quoted string \"\(text)\""
        case .number(let text): "number \(text)"
        case .bool(let value): "<\(value)>"
        case .nilValue: "<nil>"
        case .pipe: "\"|\""
        case .leftParen: "\"(\""
        case .rightParen: "\")\""
        case .declare: "\":=\""
        case .assign: "\"=\""
        case .comma: "\",\""
        case .eof: "end of template"
        }
    }

    /// Nodes up to `{{end}}`, `{{else}}` or the end of input (nil terminator).
    private mutating func list() throws(TemplateError) -> ([TemplateNode], Terminator?) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("template nested too deeply") }
        var nodes: [TemplateNode] = []
        while true {
            let token = next()
            switch token.kind {
            case .eof:
                return (nodes, nil)
            case .text(let text):
                nodes.append(.text(text))
            case .leftDelimiter:
                if case .keyword(let word) = current.kind, word == "end" || word == "else" {
                    _ = next()
                    if word == "end" { try expectRightDelimiter("end") }
                    return (nodes, Terminator(word: word, position: token.position))
                }
                if let node = try action(at: token.position) { nodes.append(node) }
            default:
                throw error("unexpected \(Self.describe(token.kind))", at: token.position)
            }
        }
    }

    /// After `{{`: a control structure or a pipeline.
    private mutating func action(at start: TemplatePosition) throws(TemplateError) -> TemplateNode? {
        if case .keyword(let word) = current.kind {
            let keywordToken = next()
            switch word {
            case "if", "range", "with":
                return try control(word, at: keywordToken.position)
            case "define":
                let nameToken = next()
                guard case .string(let defined) = nameToken.kind else {
                    throw error("define: expected a quoted template name", at: nameToken.position)
                }
                try expectRightDelimiter("define clause")
                let (body, terminator) = try list()
                guard terminator?.word == "end" else {
                    throw error("unexpected \(terminator == nil ? "EOF" : "{{else}}") in define", at: start)
                }
                definitions[defined] = body
                return nil
            case "template", "block":
                let nameToken = next()
                guard case .string(let called) = nameToken.kind else {
                    throw error("\(word): expected a quoted template name", at: nameToken.position)
                }
                var argument: TemplatePipeline?
                if current.kind != .rightDelimiter { argument = try pipeline(context: word, allowDeclarations: false) }
                try expectRightDelimiter("\(word) clause")
                if word == "block" {
                    guard let argument else { throw error("block: missing pipeline", at: start) }
                    let (body, terminator) = try list()
                    guard terminator?.word == "end" else { throw error("unexpected EOF in block", at: start) }
                    if definitions[called] == nil { definitions[called] = body }
                    return .templateCall(called, argument, start)
                }
                return .templateCall(called, argument, start)
            case "break", "continue":
                guard rangeDepth > 0 else { throw error("{{\(word)}} outside {{range}}", at: start) }
                try expectRightDelimiter(word)
                return word == "break" ? .breakNode(start) : .continueNode(start)
            default:
                throw error("unexpected <\(word)>", at: keywordToken.position)
            }
        }
        let pipe = try pipeline(context: "command", allowDeclarations: true)
        try expectRightDelimiter("command")
        return .action(pipe)
    }

    private mutating func control(_ word: String, at start: TemplatePosition) throws(TemplateError) -> TemplateNode {
        // `{{else if}}` chains recurse once per link: count them with the nesting so a long chain cannot exhaust
        // the stack.
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("template nested too deeply", at: start) }
        let condition = try pipeline(context: word, allowDeclarations: true, allowTwo: word == "range")
        try expectRightDelimiter(word)
        if word == "range" { rangeDepth += 1 }
        var (body, terminator) = try list()
        if word == "range" { rangeDepth -= 1 }
        var elseBody: [TemplateNode]?
        if terminator?.word == "else" {
            // `{{else if …}}` nests an if in the else branch and shares its {{end}}.
            if word == "if", case .keyword("if") = current.kind {
                let ifToken = next()
                elseBody = [try control("if", at: ifToken.position)]
                return .ifNode(condition, body, elseBody)
            }
            if word == "with", case .keyword("with") = current.kind {
                let withToken = next()
                elseBody = [try control("with", at: withToken.position)]
                return .withNode(condition, body, elseBody)
            }
            try expectRightDelimiter("else")
            let (otherwise, end) = try list()
            guard end?.word == "end" else {
                throw error("expected {{end}} for {{\(word)}}, found \(end == nil ? "EOF" : "{{else}}")", at: start)
            }
            elseBody = otherwise
            terminator = end
        }
        guard terminator?.word == "end" else { throw error("unexpected EOF: {{\(word)}} without {{end}}", at: start) }
        switch word {
        case "if": return .ifNode(condition, body, elseBody)
        case "range": return .rangeNode(condition, body, elseBody)
        default: return .withNode(condition, body, elseBody)
        }
    }

    private mutating func pipeline(
        context: String, allowDeclarations: Bool, allowTwo: Bool = false
    )
        throws(TemplateError) -> TemplatePipeline
    {
        let start = current.position
        var declarations: [String] = []
        var isAssignment = false
        if allowDeclarations, case .variable(let first, let path) = current.kind, path.isEmpty {
            let lookahead = tokens[min(index + 1, tokens.count - 1)].kind
            if lookahead == .declare || lookahead == .assign {
                _ = next()
                isAssignment = next().kind == .assign
                declarations = [first]
            } else if allowTwo, lookahead == .comma,
                case .variable(let second, let secondPath) = tokens[min(index + 2, tokens.count - 1)].kind,
                secondPath.isEmpty, tokens[min(index + 3, tokens.count - 1)].kind == .declare
            {
                index += 4
                declarations = [first, second]
            }
        }
        var commands: [TemplateCommand] = []
        while true {
            commands.append(try command(context: context))
            guard current.kind == .pipe else { break }
            _ = next()
        }
        return TemplatePipeline(
            declarations: declarations, isAssignment: isAssignment, commands: commands, position: start)
    }

    private mutating func command(context: String) throws(TemplateError) -> TemplateCommand {
        let start = current.position
        var arguments: [TemplateArgument] = []
        loop: while true {
            switch current.kind {
            case .rightDelimiter, .rightParen, .pipe, .eof:
                break loop
            default:
                arguments.append(try operand(context: context))
            }
        }
        guard !arguments.isEmpty else { throw error("missing value for \(context)", at: start) }
        return TemplateCommand(arguments: arguments, position: start)
    }

    private mutating func operand(context: String) throws(TemplateError) -> TemplateArgument {
        let token = next()
        switch token.kind {
        case .field(let path): return .field(path)
        case .variable(let name, let path): return .variable(name, path)
        case .identifier(let word):
            guard TemplateFunctions.names.contains(word) else {
                throw error("function \"\(word)\" not defined", at: token.position)
            }
            return .identifier(word)
        case .string(let text): return .string(text)
        case .bool(let value): return .bool(value)
        case .nilValue: return .nilValue
        case .number(let text):
            if let value = Self.integer(text) { return .int(value) }
            if let value = Double(text), value.isFinite { return .float(value) }
            throw error("bad number syntax: \"\(text)\"", at: token.position)
        case .leftParen:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("expression nested too deeply", at: token.position) }
            let inner = try pipeline(context: "parenthesized pipeline", allowDeclarations: false)
            let close = next()
            guard close.kind == .rightParen else { throw error("unclosed left paren", at: token.position) }
            var path: [String] = []
            if case .chain(let chain) = current.kind {
                _ = next()
                path = chain
            }
            return .pipeline(inner, path)
        default:
            throw error("unexpected \(Self.describe(token.kind)) in \(context)", at: token.position)
        }
    }

    static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let value: Int?
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            value = Int(body.dropFirst(2), radix: 16)
        } else {
            value = Int(body, radix: 10)
        }
        guard let value else { return nil }
        return negative ? -value : value
    }
}
