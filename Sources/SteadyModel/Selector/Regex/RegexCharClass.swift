/// A set of scalars: ranges, Unicode properties, an optional negation and case folding.
///
/// Membership is constant-time in the pattern's size for ranges (binary search) and properties (a table lookup), so
/// a class never makes matching super-linear.
struct RegexCharClass: Sendable {
    /// Sorted, disjoint, non-adjacent ranges.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var properties: [RegexUnicodeProperty] = []
    var negated = false
    /// The class matches a scalar when any member of the scalar's case-folding orbit is in it (`(?i)`).
    private(set) var foldCase = false
    /// With `foldCase`, the folded forms of the ranges' members, when there are few enough to list.
    private var foldedRanges: [ClosedRange<UInt32>]?

    static let maxScalar: UInt32 = 0x10FFFF
    private static let maxEnumeratedForFolding = 20_000

    init() {}

    init(ranges: [ClosedRange<UInt32>]) {
        add(ranges)
    }

    mutating func add(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
    }

    mutating func add(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges.append(contentsOf: negated ? Self.complement(Self.normalized(ranges)) : ranges)
    }

    mutating func add(_ property: RegexUnicodeProperty) {
        properties.append(property)
    }

    /// Sorts and merges the ranges; with `foldCase`, prepares the folded lookup. Call once after the last `add`.
    mutating func finish(foldCase: Bool) {
        ranges = Self.normalized(ranges)
        self.foldCase = foldCase
        guard foldCase else { return }
        let size = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        if size <= Self.maxEnumeratedForFolding {
            var folded: [ClosedRange<UInt32>] = []
            for range in ranges {
                for value in range { folded.append(CaseFolding.fold(value)...CaseFolding.fold(value)) }
            }
            foldedRanges = Self.normalized(folded)
        }
    }

    /// Whether the class matches `scalar`.
    func contains(_ scalar: UInt32) -> Bool {
        negated != positiveContains(scalar)
    }

    private func positiveContains(_ scalar: UInt32) -> Bool {
        if baseContains(scalar) { return true }
        guard foldCase else { return false }
        let folded = CaseFolding.fold(scalar)
        if let foldedRanges {
            if Self.search(foldedRanges, folded) { return true }
        } else if Self.search(ranges, folded) {
            return true
        }
        if properties.isEmpty && foldedRanges != nil { return false }
        for variant in CaseFolding.variants(of: scalar) where baseContains(variant) { return true }
        return false
    }

    private func baseContains(_ scalar: UInt32) -> Bool {
        if Self.search(ranges, scalar) { return true }
        for property in properties where property.contains(scalar) { return true }
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

/// Simple case folding of single scalars, as `(?i)` uses it: two scalars fold together when they have the same
/// folded form (lowercase of uppercase, each mapping taken only when it is a single scalar).
enum CaseFolding {
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
        // Dotless i has no simple case folding in Unicode's CaseFolding.txt (only the Turkic one).
        guard value != 0x131, let scalar = Unicode.Scalar(value) else { return value }
        let upper = single(scalar.properties.uppercaseMapping) ?? scalar
        return (single(upper.properties.lowercaseMapping) ?? upper).value
    }

    /// The scalar's lowercase, uppercase and titlecase forms and its folded form (for properties, which cannot be
    /// folded ahead of time).
    static func variants(of value: UInt32) -> [UInt32] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let properties = scalar.properties
        var result = [fold(value)]
        for mapping in [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping] {
            if let variant = single(mapping), variant.value != value { result.append(variant.value) }
        }
        return result
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}
