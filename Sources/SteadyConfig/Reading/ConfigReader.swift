import Yams

/// Walks the composed YAML tree, collecting every diagnostic instead of stopping at the first one.
///
/// Readers return nil after reporting a problem; callers then fall back to a default and carry on, so one run finds
/// all the errors of a file.
struct ConfigReader {
    let file: String
    let source: SourceText
    let interpolator: EnvironmentInterpolator
    private(set) var diagnostics: [ConfigDiagnostic] = []
    private var errorCount = 0
    /// Nodes that merge keys and passthrough sections may still visit; aliases can make a small file expand
    /// exponentially, so the walk stops when this runs out.
    private var nodeBudget = ConfigReader.maximumNodes
    private var budgetReported = false
    /// Probes named by availability SLIs, checked against the `probes` section once it is read.
    var availabilityProbeReferences: [(name: String, path: String, position: SourcePosition)] = []

    /// At most this many errors are reported; then one more diagnostic says the list was cut.
    static let maximumErrors = 200
    /// At most this many nodes are visited through merge keys and passthrough sections.
    static let maximumNodes = 1_000_000

    init(file: String, source: SourceText, environment: [String: String]) {
        self.file = file
        self.source = source
        self.interpolator = EnvironmentInterpolator(environment: environment)
    }

    /// Adds diagnostics produced by a section parser that throws (the Alertmanager-shaped sections).
    mutating func append(_ more: [ConfigDiagnostic]) { diagnostics.append(contentsOf: more) }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: - Reporting

    mutating func error(_ message: String, at position: SourcePosition) {
        errorCount += 1
        if errorCount > Self.maximumErrors {
            guard errorCount == Self.maximumErrors + 1 else { return }
            diagnostics.append(
                ConfigDiagnostic(
                    file: file, line: position.line, column: position.column, severity: .error,
                    message: "too many errors; stopped reporting after \(Self.maximumErrors)"))
            return
        }
        diagnostics.append(
            ConfigDiagnostic(
                file: file, line: position.line, column: position.column, severity: .error, message: message))
    }

    mutating func warning(_ message: String, at position: SourcePosition) {
        diagnostics.append(
            ConfigDiagnostic(
                file: file, line: position.line, column: position.column, severity: .warning, message: message))
    }

    /// Takes `count` nodes from the visit budget; reports once and returns false when it is exhausted.
    mutating func spend(_ count: Int, at node: Node) -> Bool {
        nodeBudget -= count
        guard nodeBudget < 0 else { return true }
        if !budgetReported {
            budgetReported = true
            error(
                "aliases expand this document to more than \(Self.maximumNodes) nodes; refusing to expand further",
                at: position(of: node))
        }
        return false
    }

    /// Reports `path: found <node>, expected <expected>` at the node.
    mutating func mismatch(_ node: Node, path: String, expected: String) {
        error("\(Self.label(path)): found \(Self.describe(node)), expected \(expected)", at: position(of: node))
    }

    /// Reports `path: found "<text>", expected <expected>` at the node, for an already interpolated value.
    mutating func mismatch(_ field: Field, text: String, expected: String) {
        error(
            "\(Self.label(field.path)): found \(Self.quoted(text)), expected \(expected)", at: position(of: field.value)
        )
    }

    // MARK: - Positions

    func position(of node: Node) -> SourcePosition {
        guard let mark = node.mark else { return .start }
        return SourcePosition(line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// The position of the byte at `utf8Offset` inside a scalar's `value`, or the scalar's own position when the value
    /// is not written literally on one source line (block scalars, escapes, interpolation before the offset).
    func position(of node: Node, utf8Offset: Int, value: String) -> SourcePosition {
        let start = position(of: node)
        guard case .scalar(let scalar) = node else { return start }
        let quoted: Bool
        switch scalar.style {
        case .plain, .any: quoted = false
        case .singleQuoted, .doubleQuoted: quoted = true
        case .literal, .folded: return start
        }
        return source.position(ofUTF8Offset: utf8Offset, inValue: value, startingAt: start, quoted: quoted) ?? start
    }

    // MARK: - Describing nodes

    /// Whether a node is YAML null: an empty plain scalar, `~` or `null`.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// How a node is named in "found …" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): isNull(node) ? "null" : quoted(scalar.string)
        }
    }

    /// A value in double quotes, escaped and shortened for messages.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The key path for messages; the document root has none.
    static func label(_ path: String) -> String { path.isEmpty ? "top level" : path }

    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: - Structure

    /// Checks that `node` is a mapping whose keys are all in `keys` (reporting unknown and duplicate keys), and
    /// returns its fields. A null node reads as an empty mapping.
    mutating func mapping(_ node: Node, path: String, keys: [String]) -> MappingView? {
        if Self.isNull(node) { return MappingView(path: path, position: position(of: node)) }
        guard case .mapping = node else {
            mismatch(node, path: path, expected: "a mapping with keys \(keys.joined(separator: ", "))")
            return nil
        }
        var view = MappingView(path: path, position: position(of: node))
        var firstSeen: [String: SourcePosition] = [:]
        for (keyNode, value) in merged(node, path: path) {
            guard case .scalar(let scalar) = keyNode else {
                error(
                    "\(Self.label(path)): found \(Self.describe(keyNode)) as a key, expected a plain key like "
                        + (keys.first ?? "name"), at: position(of: keyNode))
                continue
            }
            let key = scalar.string
            if let first = firstSeen[key] {
                error(
                    "\(Self.label(path)): duplicate key '\(Self.shortened(key))' (first defined at \(first))",
                    at: position(of: keyNode))
                continue
            }
            firstSeen[key] = position(of: keyNode)
            guard keys.contains(key) else {
                unknownKey(key, at: position(of: keyNode), path: path, keys: keys)
                continue
            }
            view.add(
                Field(key: key, keyNode: keyNode, value: value, path: Self.child(path, key)), isNull: Self.isNull(value)
            )
        }
        return view
    }

    mutating func unknownKey(_ key: String, at position: SourcePosition, path: String, keys: [String]) {
        var message = "\(Self.label(path)): unknown key '\(Self.shortened(key))'"
        if let suggestion = Suggestion.closest(to: key, in: keys) {
            message += ", did you mean '\(suggestion)'?"
        } else {
            message += "; expected one of \(keys.joined(separator: ", "))"
        }
        error(message, at: position)
    }

    static func shortened(_ text: String) -> String {
        let quoted = quoted(text)
        return String(quoted.dropFirst().dropLast())
    }

    /// The pairs of a mapping with YAML merge keys (`<<: *base` or `<<: [*a, *b]`) expanded: explicit keys win over
    /// merged ones, and earlier merged mappings win over later ones. Duplicates among explicit keys are kept so that
    /// `mapping(_:path:keys:)` reports them.
    mutating func merged(_ node: Node, path: String) -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else { return [] }
        var explicit: [(Node, Node)] = []
        var sources: [Node] = []
        for (key, value) in mapping {
            if case .scalar(let scalar) = key, scalar.string == "<<", scalar.style == .plain || scalar.style == .any {
                switch value {
                case .mapping: sources.append(value)
                case .sequence(let sequence):
                    for element in sequence {
                        if case .mapping = element {
                            sources.append(element)
                        } else {
                            mismatch(element, path: Self.child(path, "<<"), expected: "a mapping to merge")
                        }
                    }
                default: mismatch(value, path: Self.child(path, "<<"), expected: "a mapping or a list of mappings")
                }
            } else {
                explicit.append((key, value))
            }
        }
        guard !sources.isEmpty else { return explicit }
        guard spend(mapping.count, at: node) else { return explicit }
        var present = Set(explicit.compactMap { $0.0.scalar?.string })
        var result = explicit
        for source in sources {
            for (key, value) in merged(source, path: path) {
                guard let name = key.scalar?.string, !present.contains(name) else { continue }
                present.insert(name)
                result.append((key, value))
            }
        }
        return result
    }

    /// The elements of a list with their paths; a null value reads as an empty list.
    mutating func sequence(_ field: Field, expected: String) -> [(path: String, node: Node)]? {
        if Self.isNull(field.value) { return [] }
        guard case .sequence(let sequence) = field.value else {
            mismatch(field.value, path: field.path, expected: expected)
            return nil
        }
        return sequence.enumerated().map { ("\(field.path)[\($0.offset)]", $0.element) }
    }

    /// The field, or an error (missing key, or null value) when it is absent.
    mutating func required(_ view: MappingView, _ key: String, expected: String) -> Field? {
        if let field = view[key] { return field }
        if let field = view.nullFields[key] {
            mismatch(field.value, path: field.path, expected: expected)
        } else {
            error("\(Self.label(view.path)): missing required key '\(key)' (\(expected))", at: view.position)
        }
        return nil
    }
}
