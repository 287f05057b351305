// libFuzzer target for the PromQL selector parser. Build and run with `scripts/fuzz.sh selector [seconds]`.
//
// Oracles besides "does not crash": a parsed selector's `description` parses back to an equal selector, and
// errors carry an offset inside the input.
import SteadyModel

@_cdecl("LLVMFuzzerTestOneInput")
public func selector_fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let selector = try SeriesSelector(parsing: text)
        let again: SeriesSelector
        do {
            again = try SeriesSelector(parsing: selector.description)
        } catch {
            fatalError("description does not parse: \(selector.description.debugDescription): \(error)")
        }
        require(again == selector, "round trip differs: \(selector) vs \(again)")
        // Matching must not crash either.
        _ = selector.matches(name: "up", labels: Labels(["job": "api", "code": "503"]))
    } catch {
        if let offset = error.offset {
            require(offset >= 0 && offset <= text.utf8.count, "offset \(offset) outside the input")
        }
    }
    return 0
}

/// `precondition` drops its message in optimized builds; the fuzzer should say what broke.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
