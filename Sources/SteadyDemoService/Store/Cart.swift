/// A shopping cart. Carts exist implicitly: an unknown cart ID reads as an empty cart.
public struct Cart: Sendable, Hashable, Codable {
    /// One product line in a cart or order.
    public struct Line: Sendable, Hashable, Codable {
        public var productID: String
        public var name: String
        public var quantity: Int
        public var unitPriceCents: Int
        public var lineTotalCents: Int { quantity * unitPriceCents }

        private enum CodingKeys: String, CodingKey {
            case productID, name, quantity, unitPriceCents, lineTotalCents
        }

        public init(productID: String, name: String, quantity: Int, unitPriceCents: Int) {
            self.productID = productID
            self.name = name
            self.quantity = quantity
            self.unitPriceCents = unitPriceCents
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            productID = try container.decode(String.self, forKey: .productID)
            name = try container.decode(String.self, forKey: .name)
            quantity = try container.decode(Int.self, forKey: .quantity)
            unitPriceCents = try container.decode(Int.self, forKey: .unitPriceCents)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(productID, forKey: .productID)
            try container.encode(name, forKey: .name)
            try container.encode(quantity, forKey: .quantity)
            try container.encode(unitPriceCents, forKey: .unitPriceCents)
            try container.encode(lineTotalCents, forKey: .lineTotalCents)
        }
    }

    public var id: String
    public var items: [Line]
    public var currency: String
    public var totalCents: Int

    public init(id: String, items: [Line] = [], currency: String = "EUR") {
        self.id = id
        self.items = items
        self.currency = currency
        self.totalCents = items.reduce(0) { $0 + $1.lineTotalCents }
    }
}
