import Synchronization

/// Simple case folding of single scalars, as `(?i)` uses it. Two scalars fold together when they have the same
/// folded form (lowercase of uppercase, each mapping taken only when it is a single scalar); the scalars that fold
/// together form an orbit, such as `k`, `K` and the Kelvin sign.
enum CaseFolding {
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
        // Dotless i has no simple case folding in Unicode's CaseFolding.txt (only the Turkic one).
        guard value != 0x131, let scalar = Unicode.Scalar(value) else { return value }
        let upper = single(scalar.properties.uppercaseMapping) ?? scalar
        return (single(upper.properties.lowercaseMapping) ?? upper).value
    }

    /// The scalars that fold together with `value`, `value` included.
    static func orbit(of value: UInt32) -> [UInt32] {
        if value < 0x80 {
            switch value | 0x20 {
            case 0x6B: return [0x4B, 0x6B, 0x212A]  // K k KELVIN SIGN
            case 0x73: return [0x53, 0x73, 0x17F]  // S s LATIN SMALL LETTER LONG S
            case 0x61...0x7A: return [value & ~0x20, value | 0x20]
            default: return [value]
            }
        }
        guard value <= lastCased else { return [value] }
        return orbits.withLock { table in
            if table == nil { table = buildOrbits() }
            return table![fold(value)] ?? [value]
        }
    }

    /// `ranges` (normalized, few enough to list) with every member's orbit added; larger sets come back as they are.
    static func closure(of ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let size = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        guard size <= 4_096 else { return ranges }
        var result = ranges
        for range in ranges {
            for value in range {
                for variant in orbit(of: value) where variant != value { result.append(variant...variant) }
            }
        }
        return RegexCharClass.normalized(result)
    }

    /// No scalar above this one has a case mapping (Go's `unicode.MaxFold` region ends here too).
    private static let lastCased: UInt32 = 0x1E943

    /// Orbits with more than one member, by folded form; built on first use (a pass over the cased planes).
    private static let orbits = Mutex<[UInt32: [UInt32]]?>(nil)

    private static func buildOrbits() -> [UInt32: [UInt32]] {
        var byFold: [UInt32: [UInt32]] = [:]
        for value in UInt32(0x80)...lastCased {
            let folded = fold(value)
            if folded != value { byFold[folded, default: []].append(value) }
        }
        var result: [UInt32: [UInt32]] = [:]
        for (folded, members) in byFold {
            result[folded] = ([folded] + members.filter { $0 != folded }) + asciiPartners(of: folded)
        }
        return result
    }

    /// ASCII members of an orbit whose folded form is ASCII (the Kelvin sign's `K`, long s's `S`).
    private static func asciiPartners(of folded: UInt32) -> [UInt32] {
        (0x61...0x7A).contains(folded) ? [folded - 0x20] : []
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}
