/// An item in the demo catalog. Prices are in minor units (cents).
public struct Product: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var priceCents: Int
    public var currency: String

    public init(id: String, name: String, priceCents: Int, currency: String = "EUR") {
        self.id = id
        self.name = name
        self.priceCents = priceCents
        self.currency = currency
    }
}
