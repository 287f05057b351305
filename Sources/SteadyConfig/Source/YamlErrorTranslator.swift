import Yams

/// Turns Yams' errors into diagnostics with a line and column.
enum YamlErrorTranslator {
    static func diagnostics(for error: any Error, file: String, text: String, source: SourceText) -> [ConfigDiagnostic]
    {
        func diagnostic(_ position: SourcePosition, _ message: String) -> ConfigDiagnostic {
            ConfigDiagnostic(
                file: file, line: position.line, column: position.column, severity: .error, message: message)
        }
        guard let yamlError = error as? YamlError else {
            return [diagnostic(.start, "could not read the YAML: \(error)")]
        }
        switch yamlError {
        case .reader(let problem, let offset, let value, _):
            let position = offset.map { SourcePosition.of(characterOffset: $0, in: text) } ?? .start
            var message = "invalid YAML: \(problem)"
            if value >= 0 { message += " (#x\(String(value, radix: 16, uppercase: true)))" }
            return [diagnostic(position, message)]
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return [diagnostic(SourcePosition(mark), message(problem: problem, context: context))]
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeys(duplicates, first: SourcePosition(context.mark), source: source).map {
                diagnostic($0.position, $0.message)
            }
        default:
            return [diagnostic(.start, "could not read the YAML: \(yamlError)")]
        }
    }

    private static func message(problem: String, context: YamlError.Context?) -> String {
        if problem.contains("Maximum nesting level") {
            return "invalid YAML: nesting is too deep (more than 1000 levels)"
        }
        guard let context else { return "invalid YAML: \(problem)" }
        if problem.hasPrefix("but ") { return "invalid YAML: \(context.text), \(problem)" }
        return "invalid YAML: \(problem) (\(context.text) at \(SourcePosition(context.mark)))"
    }

    /// Yams stops at the first mapping with duplicate keys and gives only where the first of them starts; find each
    /// repeated key below it in the same block mapping so the diagnostic points at the repetition.
    private static func duplicateKeys(
        _ keys: [String], first: SourcePosition, source: SourceText
    ) -> [(position: SourcePosition, message: String)] {
        var found: [(position: SourcePosition, message: String)] = []
        for key in keys {
            var occurrences = blockKeyOccurrences(of: key, from: first, source: source)
            if occurrences.count < 2 {
                occurrences = flowKeyOccurrences(of: key, from: first, source: source)
            }
            let shown = ConfigReader.shortened(key)
            if occurrences.count >= 2 {
                for repeated in occurrences.dropFirst() {
                    found.append(
                        (repeated, "duplicate key '\(shown)' (first defined at \(occurrences[0]))"))
                }
            } else {
                found.append((occurrences.first ?? first, "duplicate key '\(shown)' in this mapping"))
            }
        }
        return found
    }

    /// Occurrences of `key:` on the line of `start` after a `{` or `,` (a flow mapping written on one line).
    private static func flowKeyOccurrences(
        of key: String, from start: SourcePosition, source: SourceText
    ) -> [SourcePosition] {
        let line = source.line(start.line)
        let keyScalars = Array(key.unicodeScalars)
        guard !keyScalars.isEmpty, keyScalars.count <= 256 else { return [] }
        let candidates = [keyScalars, ["\""] + keyScalars + ["\""], ["'"] + keyScalars + ["'"]]
        var positions: [SourcePosition] = []
        var column = max(start.column - 1, 0)
        var before: Unicode.Scalar? = nil
        while column < line.count {
            defer {
                if line[column] != " " && line[column] != "\t" { before = line[column] }
                column += 1
            }
            if column == start.column - 1 || before == "{" || before == "," {
                let rest = line[column...]
                for candidate in candidates where rest.starts(with: candidate) {
                    let after = rest.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }
                    if after.first == ":" {
                        positions.append(SourcePosition(line: start.line, column: column + 1))
                        break
                    }
                }
            }
        }
        return positions
    }

    /// Lines of the block mapping starting at `start` that begin, at the mapping's column, with `key:`.
    private static func blockKeyOccurrences(
        of key: String, from start: SourcePosition, source: SourceText
    ) -> [SourcePosition] {
        let indent = start.column - 1
        let keyScalars = Array(key.unicodeScalars)
        guard !keyScalars.isEmpty, keyScalars.count <= 256 else { return [] }
        let candidates = [keyScalars, ["\""] + keyScalars + ["\""], ["'"] + keyScalars + ["'"]]
        var positions: [SourcePosition] = []
        var lineNumber = start.line
        while lineNumber <= source.lineCount {
            let line = source.line(lineNumber)
            let leading = line.prefix { $0 == " " }.count
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" } || line.dropFirst(leading).first == "#"
            if lineNumber > start.line, !isBlank, leading < indent { break }
            if lineNumber == start.line || leading == indent, indent <= line.count {
                let rest = Array(line[indent...])
                for candidate in candidates where rest.starts(with: candidate) {
                    let after = rest.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }
                    if after.first == ":" {
                        positions.append(SourcePosition(line: lineNumber, column: indent + 1))
                        break
                    }
                }
            }
            lineNumber += 1
        }
        return positions
    }
}

extension SourcePosition {
    init(_ mark: Mark) {
        self.init(line: max(mark.line, 1), column: max(mark.column, 1))
    }

    static func of(characterOffset: Int, in text: String) -> SourcePosition {
        SourceText.position(ofCharacterOffset: characterOffset, in: text)
    }
}
