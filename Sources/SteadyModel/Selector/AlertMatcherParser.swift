import Foundation

/// Alertmanager's matcher syntax: `name="value"`, `name=~"regex"`, `name!=value`, a comma-separated list, optionally
/// in braces (`{a="b", c=~"d"}`). Values may be unquoted; quoted values take `\"`, `\\` and `\n` escapes.
public enum AlertMatcherParser {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ input: String) throws -> [LabelMatcher] {
        var text = Substring(input.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n")))
        if text.hasPrefix("{") {
            guard text.hasSuffix("}") else { throw Failure(description: "missing closing '}' in \(input)") }
            text = text.dropFirst().dropLast()
        }
        var matchers: [LabelMatcher] = []
        var rest = text
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            if rest.isEmpty { break }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty, !(name.first?.isNumber ?? true) else {
                throw Failure(description: "expected a label name at \"\(rest)\" in \(input)")
            }
            rest = rest.dropFirst(name.count).drop { $0 == " " }
            let op: LabelMatcher.Operator
            if rest.hasPrefix("=~") {
                op = .regexMatch; rest = rest.dropFirst(2)
            } else if rest.hasPrefix("!~") {
                op = .regexNoMatch; rest = rest.dropFirst(2)
            } else if rest.hasPrefix("!=") {
                op = .notEqual; rest = rest.dropFirst(2)
            } else if rest.hasPrefix("=") {
                op = .equal; rest = rest.dropFirst(1)
            } else {
                throw Failure(description: "expected =, !=, =~ or !~ after \"\(name)\" in \(input)")
            }
            rest = rest.drop { $0 == " " }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\", let next = rest.first {
                        rest = rest.dropFirst()
                        value.append(next == "n" ? "\n" : next)
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { throw Failure(description: "unterminated quoted value in \(input)") }
            } else {
                let raw = rest.prefix { $0 != "," }
                value = String(raw).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                rest = rest.dropFirst(raw.count)
            }
            do {
                matchers.append(try LabelMatcher(name: String(name), op: op, value: value, dialect: .alertmanager))
            } catch {
                throw Failure(description: "\(error) in \(input)")
            }
            rest = rest.drop { $0 == " " }
            if rest.first == "," {
                rest = rest.dropFirst()
            } else if !rest.isEmpty {
                throw Failure(description: "expected ',' between matchers at \"\(rest)\" in \(input)")
            }
        }
        guard !matchers.isEmpty else { throw Failure(description: "no matcher in \"\(input)\"") }
        return matchers
    }
}
