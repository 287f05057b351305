// libFuzzer target for the exposition parser. Build and run with `scripts/fuzz.sh exposition [seconds]`.
//
// Oracles besides "does not crash": a parser reused across bodies gives exactly what a fresh parser gives (the
// caches must never change a result), label sets are sorted, unique and free of empty values, and error positions
// are 1-based.
import SteadyExposition
import SteadyModel

nonisolated(unsafe) private var reusedParsers: [ExpositionFormat: ExpositionParser] = [:]

@_cdecl("LLVMFuzzerTestOneInput")
public func exposition_fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for format in ExpositionFormat.allCases {
        var fresh = ExpositionParser()
        let first = Result { () throws(ExpositionError) in try fresh.parse(bytes, format: format) }
        // The same parser again: every series now comes from its cache.
        let second = Result { () throws(ExpositionError) in try fresh.parse(bytes, format: format) }
        // A long-lived parser that has seen earlier inputs (and the other format).
        var reused = reusedParsers[format] ?? ExpositionParser()
        let third = Result { () throws(ExpositionError) in try reused.parse(bytes, format: format) }
        reusedParsers[format] = reused
        check(first, second, format: format)
        check(first, third, format: format)
        switch first {
        case .success(let body):
            for sample in body.samples {
                let names = sample.labels.map(\.name)
                require(names == names.sorted() && Set(names).count == names.count, "labels not sorted/unique")
                require(sample.labels.allSatisfy { !$0.value.isEmpty }, "empty label value kept")
                require(!sample.name.isEmpty, "empty metric name")
            }
        case .failure(let error):
            require(error.line >= 1 && error.column >= 1, "invalid error position \(error)")
        }
    }
    return 0
}

private func check(
    _ expected: Result<ScrapeBody, ExpositionError>, _ actual: Result<ScrapeBody, ExpositionError>,
    format: ExpositionFormat
) {
    switch (expected, actual) {
    case (.success(let lhs), .success(let rhs)):
        require(lhs.samples == rhs.samples, "cached parse differs (\(format))")
        require(lhs.metadata == rhs.metadata, "cached metadata differs (\(format))")
    case (.failure(let lhs), .failure(let rhs)):
        require(lhs == rhs, "cached parse fails differently (\(format)): \(lhs) vs \(rhs)")
    default:
        fatalError("cached parse disagrees (\(format)): \(expected) vs \(actual)")
    }
}

/// `precondition` drops its message in optimized builds; the fuzzer should say what broke.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
