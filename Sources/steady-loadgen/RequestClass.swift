/// A class of requests: the value of its `x-criticality` header (empty for none) and its share of the traffic.
struct RequestClass: Sendable, Hashable {
    var name: String
    var weight: Double

    /// Parses `CRITICAL=0.5,SHEDDABLE=0.5` (weights are normalised); `none` sends no header.
    static func parseMix(_ text: String) throws(LoadGenError) -> [RequestClass] {
        var classes: [RequestClass] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let weight = Double(pieces[1]), weight > 0, weight.isFinite else {
                throw .invalid("bad class '\(part)': expected NAME=WEIGHT")
            }
            let name = String(pieces[0])
            guard name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") }) else {
                throw .invalid("bad class name '\(name)'")
            }
            classes.append(RequestClass(name: name, weight: weight))
        }
        guard !classes.isEmpty else { throw .invalid("the class mix is empty") }
        let total = classes.reduce(0) { $0 + $1.weight }
        return classes.map { RequestClass(name: $0.name, weight: $0.weight / total) }
    }
}

/// Deals classes in proportion to their weights, deterministically (smooth weighted round robin).
struct ClassDealer {
    private let weights: [Double]
    private var credit: [Double]

    init(_ classes: [RequestClass]) {
        weights = classes.map(\.weight)
        credit = Array(repeating: 0, count: classes.count)
    }

    mutating func next() -> Int {
        var best = 0
        for index in credit.indices {
            credit[index] += weights[index]
            if credit[index] > credit[best] { best = index }
        }
        credit[best] -= 1
        return best
    }
}
