// libFuzzer target for the label-matcher regex engine. Build and run with `scripts/fuzz.sh regex [seconds]`.
//
// Input: a pattern, then a NUL byte, then a label value (without a NUL, the input is the pattern and the values are
// fixed). Oracles besides "does not crash": the ASCII DFA with its hand-over to the NFA answers exactly as the NFA
// simulation alone; a pattern that compiles as a matcher also compiles as a selector's regex; libFuzzer's
// -timeout catches any input that makes matching slow (it is linear by construction).
@testable import SteadyModel

@_cdecl("LLVMFuzzerTestOneInput")
public func regex_fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let pattern = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<split]), as: UTF8.self)
    var values = ["", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "é\nK", "api.example.com"]
    if split < size {
        values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(split + 1)...]), as: UTF8.self))
    }
    guard let regex = try? AnchoredRegex(pattern) else { return 0 }
    let program: RegexProgram
    do {
        program = try RegexProgram(RegexParser.parse(pattern))
    } catch {
        fatalError("AnchoredRegex compiled \(pattern.debugDescription) but RegexProgram failed: \(error)")
    }
    for value in values {
        let expected = program.matches(value.unicodeScalars[...])
        if regex.matches(value) != expected {
            fatalError("DFA and NFA disagree on \(pattern.debugDescription) / \(value.debugDescription)")
        }
    }
    return 0
}
