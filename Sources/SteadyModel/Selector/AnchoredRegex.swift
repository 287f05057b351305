/// A fully anchored regular expression, as PromQL (`^(?s:re)$`) and Alertmanager (`^(?:re)$`) label matchers use.
///
/// Prometheus and Alertmanager compile matchers with Go's RE2, whose matching time is linear in the input. Steady has
/// its own engine for the same syntax (`RegexParser`) with the same guarantee, so a pattern from a silence, an
/// inhibit rule or a `?filter=` cannot stall an event loop the way a backtracking engine can with `(a+)+b`:
/// - the pattern compiles to a Thompson NFA (`RegexProgram`), simulated without backtracking;
/// - ASCII input runs through a DFA built ahead of time (`RegexASCIIDFA`), one table lookup per scalar;
/// - matching works on Unicode scalars (RE2 code points), not grapheme clusters; `\d`, `\s`, `\w`, `\b` and POSIX
///   classes are ASCII-only, as in RE2.
struct AnchoredRegex: Sendable {
    let pattern: String
    private let program: RegexProgram
    private let dfa: RegexASCIIDFA?

    init(_ pattern: String, dotMatchesNewline: Bool = true) throws(SelectorError) {
        self.pattern = pattern
        do {
            program = try RegexProgram(RegexParser.parse(pattern, dotMatchesNewline: dotMatchesNewline))
        } catch let failure {
            throw SelectorError.invalidRegex(pattern, reason: failure.reason)
        }
        dfa = RegexASCIIDFA(program)
    }

    func matches(_ value: String) -> Bool {
        guard let dfa else { return program.matches(value.unicodeScalars[...]) }
        // Native strings are contiguous UTF-8: ASCII bytes are scalars, so the DFA can run on the bytes.
        let ascii = value.utf8.withContiguousStorageIfAvailable { bytes -> (state: UInt16, stop: Int) in
            var state = RegexASCIIDFA.start
            for offset in 0..<bytes.count {
                let byte = bytes[offset]
                guard byte < 0x80 else { return (state, offset) }
                state = dfa.next(state, UInt32(byte))
                if state == RegexASCIIDFA.dead { return (state, offset) }
            }
            return (state, bytes.count)
        }
        // Strings without contiguous UTF-8 (bridged ones, on Apple platforms) take the NFA alone.
        guard let (state, stop) = ascii else { return program.matches(value.unicodeScalars[...]) }
        if state == RegexASCIIDFA.dead { return false }
        if stop == value.utf8.count { return dfa.isAccepting(state) }
        let index = value.utf8.index(value.utf8.startIndex, offsetBy: stop)
        let previous = stop == 0 ? nil : UInt32(value.utf8[value.utf8.index(before: index)])
        return program.matches(value.unicodeScalars[index...], from: dfa.threads[Int(state)], previous: previous)
    }
}
