/// One label pair of a series: `name="value"`.
public struct Label: Hashable, Sendable, Codable, Comparable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name < rhs.name || (lhs.name == rhs.name && lhs.value < rhs.value)
    }
}
