import SteadyModel

/// Executes parsed templates against a value, Go-style (`missingkey=zero`, as Alertmanager configures it).
struct TemplateExecutor {
    static let maximumCallDepth = 64
    static let maximumOutput = 4 << 20
    /// Node and command evaluations one execution may perform, so a template such as
    /// `{{define "a"}}{{template "a" .}}{{template "a" .}}{{end}}` (2^64 calls within the depth limit) fails fast.
    static let maximumSteps = 1_000_000

    enum LoopSignal: Error {
        case breakLoop
        case continueLoop
    }

    let definitions: [String: [TemplateNode]]
    let escapeHTML: Bool
    var name: String
    var output = ""
    var variables: [(name: String, value: TemplateValue)] = []
    var callDepth = 0
    var steps = 0

    init(definitions: [String: [TemplateNode]], escapeHTML: Bool, name: String) {
        self.definitions = definitions
        self.escapeHTML = escapeHTML
        self.name = name
    }

    func error(_ message: String, at position: TemplatePosition?) -> TemplateError {
        TemplateError(name: name, line: position?.line ?? 0, column: position?.column ?? 0, message: message)
    }

    mutating func run(_ nodes: [TemplateNode], dot: TemplateValue) throws(TemplateError) -> String {
        variables = [("$", dot)]
        do {
            try walk(nodes, dot: dot)
        } catch let error as TemplateError {
            throw error
        } catch {
            throw self.error("{{break}} or {{continue}} outside {{range}}", at: nil)
        }
        return output
    }

    private mutating func emit(_ text: String) throws(TemplateError) {
        output += text
        if output.utf8.count > Self.maximumOutput {
            throw error("output exceeds \(Self.maximumOutput) bytes", at: nil)
        }
    }

    /// Counts one evaluation against ``maximumSteps``.
    private mutating func step(at position: TemplatePosition? = nil) throws(TemplateError) {
        steps += 1
        if steps > Self.maximumSteps {
            throw error("template execution budget exceeded (\(Self.maximumSteps) steps)", at: position)
        }
    }

    private mutating func walk(_ nodes: [TemplateNode], dot: TemplateValue) throws {
        for node in nodes {
            try step()
            switch node {
            case .text(let text):
                try emit(text)
            case .action(let pipeline):
                let value = try evaluate(pipeline, dot: dot)
                if pipeline.declarations.isEmpty { try emit(render(value)) }
            case .ifNode(let pipeline, let body, let otherwise):
                let mark = variables.count
                let value = try evaluate(pipeline, dot: dot)
                if value.isTruthy {
                    try walk(body, dot: dot)
                } else if let otherwise {
                    try walk(otherwise, dot: dot)
                }
                variables.removeSubrange(mark...)
            case .withNode(let pipeline, let body, let otherwise):
                let mark = variables.count
                let value = try evaluate(pipeline, dot: dot)
                if value.isTruthy {
                    try walk(body, dot: value)
                } else if let otherwise {
                    try walk(otherwise, dot: dot)
                }
                variables.removeSubrange(mark...)
            case .rangeNode(let pipeline, let body, let otherwise):
                try range(pipeline, body: body, otherwise: otherwise, dot: dot)
            case .templateCall(let called, let argument, let position):
                guard let body = definitions[called] else {
                    throw error("no such template \"\(called)\"", at: position)
                }
                let value = try argument.map { (pipeline) throws in try evaluate(pipeline, dot: dot) } ?? .missing
                guard callDepth < Self.maximumCallDepth else {
                    throw error("exceeded maximum template depth (\(Self.maximumCallDepth))", at: position)
                }
                let saved = variables
                let savedName = name
                callDepth += 1
                variables = [("$", value)]
                name = called
                defer {
                    variables = saved
                    name = savedName
                    callDepth -= 1
                }
                try walk(body, dot: value)
            case .breakNode:
                throw LoopSignal.breakLoop
            case .continueNode:
                throw LoopSignal.continueLoop
            }
        }
    }

    private mutating func range(
        _ pipeline: TemplatePipeline, body: [TemplateNode], otherwise: [TemplateNode]?, dot: TemplateValue
    ) throws {
        let mark = variables.count
        var declarations = pipeline.declarations
        var bare = pipeline
        bare.declarations = []
        let value = try evaluate(bare, dot: dot)
        let items: [(TemplateValue, TemplateValue)]
        switch value {
        case .missing: items = []
        case .strings(let list): items = list.enumerated().map { (.int($0.offset), .string($0.element)) }
        case .pairs(let list): items = list.enumerated().map { (.int($0.offset), .pair($0.element)) }
        case .alerts(let list): items = list.enumerated().map { (.int($0.offset), .alert($0.element)) }
        case .kv(let map): items = map.map { (.string($0.name), .string($0.value)) }
        default: throw error("range can't iterate over \(value.printed)", at: pipeline.position)
        }
        if items.isEmpty {
            if let otherwise { try walk(otherwise, dot: dot) }
            variables.removeSubrange(mark...)
            return
        }
        if declarations.count == 1 { declarations = ["", declarations[0]] }
        for (key, element) in items {
            let iterationMark = variables.count
            if declarations.count == 2 {
                if !declarations[0].isEmpty { variables.append((declarations[0], key)) }
                variables.append((declarations[1], element))
            }
            do {
                try walk(body, dot: element)
            } catch LoopSignal.breakLoop {
                variables.removeSubrange(iterationMark...)
                break
            } catch LoopSignal.continueLoop {}
            variables.removeSubrange(iterationMark...)
        }
        variables.removeSubrange(mark...)
    }

    private func render(_ value: TemplateValue) -> String {
        if case .html(let text) = value { return text }
        let text: String
        if case .missing = value { text = "<no value>" } else { text = value.printed }
        return escapeHTML ? TemplateFunctions.escapeHTML(text) : text
    }

    mutating func evaluate(_ pipeline: TemplatePipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in pipeline.commands {
            value = try evaluate(command, dot: dot, final: value)
        }
        let result = value ?? .missing
        if !pipeline.declarations.isEmpty {
            let variable = pipeline.declarations[0]
            if pipeline.isAssignment {
                guard let index = variables.lastIndex(where: { $0.name == variable }) else {
                    throw error("undefined variable: \(variable)", at: pipeline.position)
                }
                variables[index].value = result
            } else {
                variables.append((variable, result))
            }
        }
        return result
    }

    private mutating func evaluate(
        _ command: TemplateCommand, dot: TemplateValue, final: TemplateValue?
    )
        throws(TemplateError) -> TemplateValue
    {
        try step(at: command.position)
        let first = command.arguments[0]
        let rest = command.arguments.dropFirst()
        func arguments(_ executor: inout TemplateExecutor) throws(TemplateError) -> [TemplateValue] {
            var values: [TemplateValue] = []
            for argument in rest { values.append(try executor.argument(argument, dot: dot, at: command.position)) }
            if let final { values.append(final) }
            return values
        }
        switch first {
        case .identifier(let function):
            let values = try arguments(&self)
            do {
                return try TemplateFunctions.call(function, values)
            } catch {
                throw self.error("error calling \(function): \(error.message)", at: command.position)
            }
        case .field(let path) where !path.isEmpty:
            return try chain(dot, path, arguments: try arguments(&self), at: command.position)
        case .variable(let variable, let path) where !path.isEmpty:
            return try chain(
                try lookup(variable, at: command.position), path, arguments: try arguments(&self),
                at: command.position)
        case .pipeline(let inner, let path) where !path.isEmpty:
            let receiver = try evaluate(inner, dot: dot)
            return try chain(receiver, path, arguments: try arguments(&self), at: command.position)
        default:
            guard rest.isEmpty, final == nil else {
                throw error("can't give argument to non-function \(Self.describe(first))", at: command.position)
            }
            return try argument(first, dot: dot, at: command.position)
        }
    }

    private static func describe(_ argument: TemplateArgument) -> String {
        switch argument {
        case .field(let path): path.isEmpty ? "." : "." + path.joined(separator: ".")
        case .variable(let name, let path): ([name] + path).joined(separator: ".")
        case .identifier(let name): name
        case .string(let text): "\"\(text)\""
        case .int(let value): String(value)
        case .float(let value): TemplateValue.formatFloat(value)
        case .bool(let value): String(value)
        case .nilValue: "nil"
        case .pipeline: "(pipeline)"
        }
    }

    private mutating func argument(
        _ argument: TemplateArgument, dot: TemplateValue, at position: TemplatePosition
    )
        throws(TemplateError) -> TemplateValue
    {
        switch argument {
        case .field(let path): return try chain(dot, path, arguments: [], at: position)
        case .variable(let variable, let path):
            return try chain(try lookup(variable, at: position), path, arguments: [], at: position)
        case .identifier(let function):
            do {
                return try TemplateFunctions.call(function, [])
            } catch {
                throw self.error("error calling \(function): \(error.message)", at: position)
            }
        case .string(let text): return .string(text)
        case .int(let value): return .int(value)
        case .float(let value): return .float(value)
        case .bool(let value): return .bool(value)
        case .nilValue: throw error("nil is not a command", at: position)
        case .pipeline(let inner, let path):
            return try chain(try evaluate(inner, dot: dot), path, arguments: [], at: position)
        }
    }

    private func lookup(_ variable: String, at position: TemplatePosition) throws(TemplateError) -> TemplateValue {
        guard let entry = variables.last(where: { $0.name == variable }) else {
            throw error("undefined variable \"\(variable)\"", at: position)
        }
        return entry.value
    }

    /// Walks `.A.B.C`; the last element receives `arguments` (a method call) when there are any.
    private func chain(
        _ receiver: TemplateValue, _ path: [String], arguments: [TemplateValue], at position: TemplatePosition
    ) throws(TemplateError) -> TemplateValue {
        var value = receiver
        for (offset, member) in path.enumerated() {
            let isLast = offset == path.count - 1
            value = try self.member(value, member, arguments: isLast ? arguments : [], at: position)
        }
        if path.isEmpty, !arguments.isEmpty {
            throw error("can't give argument to non-function .", at: position)
        }
        return value
    }

    private func member(
        _ value: TemplateValue, _ member: String, arguments: [TemplateValue], at position: TemplatePosition
    ) throws(TemplateError) -> TemplateValue {
        func field(_ result: TemplateValue) throws(TemplateError) -> TemplateValue {
            guard arguments.isEmpty else {
                throw error("\(member) is not a method but has arguments", at: position)
            }
            return result
        }
        func method(_ result: TemplateValue) throws(TemplateError) -> TemplateValue {
            guard arguments.isEmpty else {
                throw error("wrong number of args for \(member): want 0 got \(arguments.count)", at: position)
            }
            return result
        }
        switch value {
        case .data(let data):
            switch member {
            case "Receiver": return try field(.string(data.receiver))
            case "Status": return try field(.string(data.status))
            case "Alerts": return try field(.alerts(data.alerts))
            case "GroupLabels": return try field(.kv(data.groupLabels))
            case "CommonLabels": return try field(.kv(data.commonLabels))
            case "CommonAnnotations": return try field(.kv(data.commonAnnotations))
            case "ExternalURL": return try field(.string(data.externalURL))
            default: break
            }
        case .alert(let alert):
            switch member {
            case "Status": return try field(.string(alert.status))
            case "Labels": return try field(.kv(alert.labels))
            case "Annotations": return try field(.kv(alert.annotations))
            case "StartsAt": return try field(.time(alert.startsAt))
            case "EndsAt": return try field(.time(alert.endsAt))
            case "GeneratorURL": return try field(.string(alert.generatorURL))
            case "Fingerprint": return try field(.string(alert.fingerprint))
            default: break
            }
        case .alerts(let alerts):
            switch member {
            case "Firing": return try method(.alerts(alerts.filter { $0.status == "firing" }))
            case "Resolved": return try method(.alerts(alerts.filter { $0.status == "resolved" }))
            default: break
            }
        case .kv(let pairs):
            switch member {
            case "SortedPairs": return try method(.pairs(Self.sortedPairs(pairs)))
            case "Names": return try method(.strings(Self.sortedPairs(pairs).map(\.name)))
            case "Values": return try method(.strings(Self.sortedPairs(pairs).map(\.value)))
            case "Remove":
                guard arguments.count == 1 else {
                    throw error("wrong number of args for Remove: want 1 got \(arguments.count)", at: position)
                }
                guard case .strings(let names) = arguments[0] else {
                    throw error(
                        "wrong type for value; expected []string; got \(arguments[0].typeName)", at: position)
                }
                let removed = Set(names)
                return .kv(pairs.filter { !removed.contains($0.name) })
            default:
                // Map key; a missing key is the zero value (missingkey=zero).
                return try field(.string(pairs.first { $0.name == member }?.value ?? ""))
            }
        case .pairs(let pairs):
            switch member {
            case "Names": return try method(.strings(pairs.map(\.name)))
            case "Values": return try method(.strings(pairs.map(\.value)))
            default: break
            }
        case .pair(let pair):
            switch member {
            case "Name": return try field(.string(pair.name))
            case "Value": return try field(.string(pair.value))
            default: break
            }
        case .time(let instant):
            switch member {
            case "Unix":
                let seconds = instant.map { Int($0.nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000)) }
                return try method(.int(seconds ?? -62_135_596_800))
            case "UnixNano": return try method(.int(Int(instant?.nanosecondsSinceEpoch ?? 0)))
            case "UTC", "Local": return try method(value)
            case "IsZero": return try method(.bool(instant == nil))
            case "String": return try method(.string(GoTime.string(instant)))
            case "Format":
                guard arguments.count == 1, case .string(let layout) = arguments[0] else {
                    throw error("wrong arguments for Format: want a layout string", at: position)
                }
                return .string(GoTime.format(instant, layout: layout))
            default: break
            }
        case .missing:
            throw error("nil pointer evaluating \(member)", at: position)
        default:
            break
        }
        throw error("can't evaluate field \(member) in type \(value.typeName)", at: position)
    }
}

extension TemplateExecutor {
    /// Alertmanager's `KV.SortedPairs` (and so `Names` and `Values`): `alertname` first, then the other names in
    /// byte order. `pairs` is already in byte order (how Go prints and ranges over a map).
    static func sortedPairs(_ pairs: [TemplatePair]) -> [TemplatePair] {
        guard let index = pairs.firstIndex(where: { $0.name == "alertname" }), index > 0 else { return pairs }
        var sorted = pairs
        let alertname = sorted.remove(at: index)
        sorted.insert(alertname, at: 0)
        return sorted
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
