/// "Did you mean …?" for misspelt keys and values.
enum Suggestion {
    /// The closest candidate: within an edit distance of 2 (and less than the length of `word`), or sharing a prefix of at least 3 characters with `word`
    /// (one being a prefix of the other). Nil when nothing is close.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scalars = Array(word.lowercased().unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 64 else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.unicodeScalars)
            let distance = editDistance(scalars, other)
            let shorter = min(scalars.count, other.count)
            let sharesPrefix = shorter >= 3 && scalars.prefix(shorter).elementsEqual(other.prefix(shorter))
            guard (distance <= 2 && distance < scalars.count) || sharesPrefix else { continue }
            if best == nil || distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let substitution = previous[j] + (left == right ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
