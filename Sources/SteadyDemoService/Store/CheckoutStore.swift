import Synchronization

/// The in-memory store behind the checkout API: a fixed catalog, carts and orders.
///
/// Carts and orders are bounded (oldest evicted first) so a long-running demo keeps a flat memory profile.
final class CheckoutStore: Sendable {
    enum Failure: Error, Equatable {
        case unknownProduct(String)
        case invalidQuantity(Int)
        case emptyCart(String)
    }

    private struct State {
        var carts: [String: [Cart.Line]] = [:]
        var cartOrder: [String] = []
        var orders: [String: Order] = [:]
        var orderOrder: [String] = []
        var nextOrderNumber = 1
    }

    /// Largest quantity accepted on one line.
    static let maximumLineQuantity = 999

    let catalog: [Product]
    private let productsByID: [String: Product]
    private let maximumCarts: Int
    private let maximumOrders: Int
    private let state = Mutex(State())

    init(catalog: [Product] = DemoCatalog.products, maximumCarts: Int = 10_000, maximumOrders: Int = 10_000) {
        self.catalog = catalog
        self.productsByID = Dictionary(catalog.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.maximumCarts = max(1, maximumCarts)
        self.maximumOrders = max(1, maximumOrders)
    }

    var currency: String { catalog.first?.currency ?? "EUR" }

    func product(id: String) -> Product? { productsByID[id] }

    /// Adds `quantity` of a product to a cart, creating the cart if needed.
    func addItem(cartID: String, productID: String, quantity: Int) throws(Failure) -> Cart {
        guard let product = productsByID[productID] else { throw .unknownProduct(productID) }
        guard quantity >= 1, quantity <= Self.maximumLineQuantity else { throw .invalidQuantity(quantity) }
        let result: Result<[Cart.Line], Failure> = state.withLock { state in
            var lines = state.carts[cartID] ?? []
            if let index = lines.firstIndex(where: { $0.productID == productID }) {
                let newQuantity = lines[index].quantity + quantity
                guard newQuantity <= Self.maximumLineQuantity else { return .failure(.invalidQuantity(newQuantity)) }
                lines[index].quantity = newQuantity
            } else {
                lines.append(
                    Cart.Line(
                        productID: productID, name: product.name, quantity: quantity, unitPriceCents: product.priceCents
                    )
                )
            }
            if state.carts[cartID] == nil {
                state.cartOrder.append(cartID)
                Self.evict(&state.carts, order: &state.cartOrder, limit: maximumCarts)
            }
            state.carts[cartID] = lines
            return .success(lines)
        }
        return Cart(id: cartID, items: try result.get(), currency: currency)
    }

    func cart(id: String) -> Cart {
        Cart(id: id, items: state.withLock { $0.carts[id] ?? [] }, currency: currency)
    }

    /// Turns the cart into an order and empties it.
    func checkout(cartID: String) throws(Failure) -> Order {
        let currency = currency
        let result: Result<Order, Failure> = state.withLock { state in
            guard let lines = state.carts.removeValue(forKey: cartID), !lines.isEmpty else {
                return .failure(.emptyCart(cartID))
            }
            if let index = state.cartOrder.firstIndex(of: cartID) { state.cartOrder.remove(at: index) }
            let number = state.nextOrderNumber
            state.nextOrderNumber += 1
            let order = Order(id: Self.orderID(number), cartID: cartID, items: lines, currency: currency)
            state.orders[order.id] = order
            state.orderOrder.append(order.id)
            Self.evict(&state.orders, order: &state.orderOrder, limit: maximumOrders)
            return .success(order)
        }
        return try result.get()
    }

    func order(id: String) -> Order? {
        state.withLock { $0.orders[id] }
    }

    /// How many carts and orders are held (for health details).
    func counts() -> (carts: Int, orders: Int) {
        state.withLock { ($0.carts.count, $0.orders.count) }
    }

    static func orderID(_ number: Int) -> String {
        let digits = String(number)
        return "ord-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Drops the oldest entries, in batches so eviction stays amortised O(1).
    private static func evict<Value>(_ values: inout [String: Value], order: inout [String], limit: Int) {
        guard order.count > limit else { return }
        let excess = min(order.count - 1, order.count - limit + max(1, limit / 10))
        for key in order.prefix(excess) { values.removeValue(forKey: key) }
        order.removeFirst(excess)
    }
}
