/// The configuration text split into lines the way libyaml counts them, to map positions back to the source.
struct SourceText: Sendable {
    /// Each line as Unicode scalars, without its line break.
    private let lines: [[Unicode.Scalar]]

    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previousWasCR:
                previousWasCR = false
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(current)
                current = []
                previousWasCR = false
            case "\r":
                lines.append(current)
                current = []
                previousWasCR = true
            default:
                current.append(scalar)
                previousWasCR = false
            }
        }
        lines.append(current)
        self.lines = lines
    }

    var lineCount: Int { lines.count }

    /// The scalars of a 1-based line, or an empty array past the end.
    func line(_ number: Int) -> [Unicode.Scalar] {
        guard number >= 1, number <= lines.count else { return [] }
        return lines[number - 1]
    }

    /// The position of the character at `characterOffset` (counted in `Character`s from the start of `text`).
    static func position(ofCharacterOffset characterOffset: Int, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        var remaining = characterOffset
        for character in text {
            guard remaining > 0 else { break }
            remaining -= 1
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourcePosition(line: line, column: column)
    }

    /// The position of the byte at `utf8Offset` in `text`.
    static func position(ofUTF8Offset utf8Offset: Int, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        var consumed = 0
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            guard consumed < utf8Offset else { break }
            consumed += UTF8.width(scalar)
            switch scalar {
            case "\n" where previousWasCR:
                previousWasCR = false
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
                previousWasCR = false
            case "\r":
                line += 1
                column = 1
                previousWasCR = true
            default:
                column += 1
                previousWasCR = false
            }
        }
        return SourcePosition(line: line, column: column)
    }

    /// The position of the byte at `utf8Offset` inside a scalar's value, when the value is written literally on one
    /// line of the source (plain, or quoted without escapes before that point); nil otherwise.
    ///
    /// - Parameters:
    ///   - start: where the scalar starts (its opening quote, for quoted scalars).
    ///   - quoted: whether the first character at `start` is a quote.
    func position(
        ofUTF8Offset utf8Offset: Int,
        inValue value: String,
        startingAt start: SourcePosition,
        quoted: Bool
    ) -> SourcePosition? {
        var prefix: [Unicode.Scalar] = []
        var consumed = 0
        for scalar in value.unicodeScalars {
            guard consumed < utf8Offset else { break }
            consumed += UTF8.width(scalar)
            prefix.append(scalar)
        }
        guard consumed == utf8Offset else { return nil }
        let text = line(start.line)
        let first = start.column - 1 + (quoted ? 1 : 0)
        guard first >= 0, first + prefix.count <= text.count else { return nil }
        for (index, scalar) in prefix.enumerated() where text[first + index] != scalar {
            return nil
        }
        return SourcePosition(line: start.line, column: first + prefix.count + 1)
    }
}
