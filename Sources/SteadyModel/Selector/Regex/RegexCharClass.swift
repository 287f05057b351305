/// A set of scalars: ranges, Unicode properties, an optional negation and case folding.
///
/// Ranges are searched in O(log n); a property is a table lookup for ASCII and a category or script lookup above.
/// The NFA simulation evaluates each distinct class at most once per input scalar.
struct RegexCharClass: Sendable {
    /// Sorted, disjoint, non-adjacent ranges.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var properties: [RegexUnicodeProperty] = []
    var negated = false
    /// The class matches a scalar when any member of the scalar's case-folding orbit is in it (`(?i)`).
    private(set) var foldCase = false
    /// Identifies the class as parsed, so a repetition that compiles it many times shares one copy.
    var id = 0
    /// The answer for each ASCII scalar (bit n of word n / 64), negation included; set by `finish`.
    private var ascii: (UInt64, UInt64) = (0, 0)

    static let maxScalar: UInt32 = 0x10FFFF

    init() {}

    init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }

    mutating func add(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
    }

    /// Adds `ranges`, or their complement. Under `(?i)` a complement is taken after closing the ranges under case
    /// folding, as RE2 does (`(?i)\W` matches neither `K` nor the Kelvin sign).
    mutating func add(_ ranges: [ClosedRange<UInt32>], negated: Bool, foldCase: Bool) {
        guard negated else {
            self.ranges.append(contentsOf: ranges)
            return
        }
        let positive = foldCase ? CaseFolding.closure(of: Self.normalized(ranges)) : Self.normalized(ranges)
        self.ranges.append(contentsOf: Self.complement(positive))
    }

    mutating func add(_ property: RegexUnicodeProperty) {
        guard !properties.contains(where: { $0.key == property.key }) else { return }
        properties.append(property)
    }

    /// Sorts and merges the ranges and tabulates the ASCII answers. Call once after the last `add`.
    mutating func finish(foldCase: Bool) {
        ranges = Self.normalized(ranges)
        self.foldCase = foldCase
        ascii = (0, 0)
        for value in UInt32(0)..<128 where negated != positiveContains(value) {
            if value < 64 { ascii.0 |= 1 << value } else { ascii.1 |= 1 << (value - 64) }
        }
    }

    /// Whether the class matches `scalar`.
    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return ascii.0 & (1 << scalar) != 0 }
        if scalar < 128 { return ascii.1 & (1 << (scalar - 64)) != 0 }
        return negated != positiveContains(scalar)
    }

    private func positiveContains(_ scalar: UInt32) -> Bool {
        if Self.search(ranges, scalar) { return true }
        if foldCase {
            for variant in CaseFolding.orbit(of: scalar) where variant != scalar && Self.search(ranges, variant) {
                return true
            }
        }
        for property in properties where property.contains(scalar, foldCase: foldCase) { return true }
        return false
    }

    private static func search(_ ranges: [ClosedRange<UInt32>], _ scalar: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < scalar {
                low = middle + 1
            } else if ranges[middle].lowerBound > scalar {
                high = middle
            } else {
                return true
            }
        }
        return false
    }

    static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The scalars in 0...0x10FFFF outside normalized `ranges`.
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= maxScalar { result.append(next...maxScalar) }
        return result
    }
}
