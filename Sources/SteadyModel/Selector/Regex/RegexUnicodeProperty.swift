import Synchronization

/// A Unicode property class: `\pL`, `\p{Lu}`, `\p{Greek}`, `\p{Any}`, or a negation (`\PL`, `\p{^Greek}`).
struct RegexUnicodeProperty: Sendable {
    private enum Kind: Sendable {
        case any
        /// Bit `Self.bit(of:)` set for each category in the class.
        case categories(UInt32)
        /// Scripts are not exposed by `Unicode.Scalar.Properties`; the standard library's regex engine knows them.
        /// It only ever sees one scalar here, so it cannot backtrack.
        case script(Regex<AnyRegexOutput>)
    }

    private let kind: Kind
    private let negated: Bool
    /// Membership of the ASCII scalars (bit n of word n / 64), before negation.
    private let ascii: (UInt64, UInt64)
    /// The name and sign, to drop duplicates within a class.
    let key: String

    /// Scripts resolved so far, with their ASCII membership: each name is looked up once per process.
    private static let scripts = Mutex<[String: (Regex<AnyRegexOutput>, (UInt64, UInt64))]>([:])

    /// The property RE2 calls `name` (a general category such as `L` or `Lu`, `Any`, or a script), or nil.
    init?(name: String, negated: Bool) {
        self.negated = negated
        key = (negated ? "^" : "") + name
        if name == "Any" {
            kind = .any
            ascii = (.max, .max)
        } else if let categories = Self.categories[name] {
            kind = .categories(categories)
            ascii = Self.asciiMembership { categories & (1 << Self.bit(of: $0.properties.generalCategory)) != 0 }
        } else if name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" }),
            let (regex, ascii) = Self.script(named: name)
        {
            kind = .script(regex)
            self.ascii = ascii
        } else {
            return nil
        }
    }

    private static func script(named name: String) -> (Regex<AnyRegexOutput>, (UInt64, UInt64))? {
        if let known = scripts.withLock({ $0[name] }) { return known }
        guard let regex = try? Regex("\\p{Script=\(name)}").matchingSemantics(.unicodeScalar) else { return nil }
        let ascii = asciiMembership { (try? regex.wholeMatch(in: String(Character($0)))) != nil }
        scripts.withLock { $0[name] = (regex, ascii) }
        return (regex, ascii)
    }

    private static func asciiMembership(_ member: (Unicode.Scalar) -> Bool) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for value in UInt32(0)..<128 where member(Unicode.Scalar(UInt8(value))) {
            if value < 64 { words.0 |= 1 << value } else { words.1 |= 1 << (value - 64) }
        }
        return words
    }

    /// Whether the property (or its negation) holds for `value`. With `foldCase`, RE2 folds the property's table
    /// before negating it: the positive property must hold for some member of the scalar's case-folding orbit.
    func contains(_ value: UInt32, foldCase: Bool) -> Bool {
        var member = positive(value)
        if foldCase && !member {
            for variant in CaseFolding.orbit(of: value) where variant != value && positive(variant) {
                member = true
                break
            }
        }
        return member != negated
    }

    private func positive(_ value: UInt32) -> Bool {
        if value < 64 { return ascii.0 & (1 << value) != 0 }
        if value < 128 { return ascii.1 & (1 << (value - 64)) != 0 }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch kind {
        case .any: return true
        case .categories(let mask): return mask & (1 << Self.bit(of: scalar.properties.generalCategory)) != 0
        case .script(let regex): return (try? regex.wholeMatch(in: String(Character(scalar)))) != nil
        }
    }

    /// RE2's category names (Go's `unicode.Categories`): one letter for a major class, two for a minor one.
    private static let categories: [String: UInt32] = {
        let minor: [String: Unicode.GeneralCategory] = [
            "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter,
            "Lo": .otherLetter, "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark,
            "Nd": .decimalNumber, "Nl": .letterNumber, "No": .otherNumber, "Pc": .connectorPunctuation,
            "Pd": .dashPunctuation, "Ps": .openPunctuation, "Pe": .closePunctuation, "Pi": .initialPunctuation,
            "Pf": .finalPunctuation, "Po": .otherPunctuation, "Sm": .mathSymbol, "Sc": .currencySymbol,
            "Sk": .modifierSymbol, "So": .otherSymbol, "Zs": .spaceSeparator, "Zl": .lineSeparator,
            "Zp": .paragraphSeparator, "Cc": .control, "Cf": .format, "Cs": .surrogate, "Co": .privateUse,
        ]
        var result = minor.mapValues { UInt32(1) << bit(of: $0) }
        for major in ["L", "M", "N", "P", "S", "Z", "C"] {
            result[major] = minor.filter { $0.key.hasPrefix(major) }.values.reduce(0) { $0 | 1 << bit(of: $1) }
        }
        return result
    }()

    private static func bit(of category: Unicode.GeneralCategory) -> UInt32 {
        switch category {
        case .uppercaseLetter: 0
        case .lowercaseLetter: 1
        case .titlecaseLetter: 2
        case .modifierLetter: 3
        case .otherLetter: 4
        case .nonspacingMark: 5
        case .spacingMark: 6
        case .enclosingMark: 7
        case .decimalNumber: 8
        case .letterNumber: 9
        case .otherNumber: 10
        case .connectorPunctuation: 11
        case .dashPunctuation: 12
        case .openPunctuation: 13
        case .closePunctuation: 14
        case .initialPunctuation: 15
        case .finalPunctuation: 16
        case .otherPunctuation: 17
        case .mathSymbol: 18
        case .currencySymbol: 19
        case .modifierSymbol: 20
        case .otherSymbol: 21
        case .spaceSeparator: 22
        case .lineSeparator: 23
        case .paragraphSeparator: 24
        case .control: 25
        case .format: 26
        case .surrogate: 27
        case .privateUse: 28
        case .unassigned: 29
        @unknown default: 30
        }
    }
}

extension Regex: @retroactive @unchecked Sendable {}
