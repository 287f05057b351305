/// A placed order: the cart's lines at checkout time.
public struct Order: Sendable, Hashable, Codable {
    public var id: String
    public var cartID: String
    public var items: [Cart.Line]
    public var totalCents: Int
    public var currency: String
    public var status: String

    public init(id: String, cartID: String, items: [Cart.Line], currency: String, status: String = "confirmed") {
        self.id = id
        self.cartID = cartID
        self.items = items
        self.totalCents = items.reduce(0) { $0 + $1.lineTotalCents }
        self.currency = currency
        self.status = status
    }
}
