import Foundation

/// Chooses the traffic generator's next request: a seeded mix that browses products, fills a cart, checks out,
/// reads orders back and sends a few requests that answer 404. Pure logic: ``observe(_:status:body:)`` feeds
/// responses back so carts and orders follow what the service actually did.
struct TrafficPlan: Sendable {
    private var random: SplitMix64
    private let prefix: String
    private let productIDs: [String]
    private var cartNumber = 1
    private var cartHasItems = false
    private var orderIDs: [String] = []
    private var missingNumber = 0

    /// Order IDs remembered for later reads.
    static let rememberedOrders = 16

    init(seed: UInt64, productIDs: [String] = DemoCatalog.productIDs) {
        self.random = SplitMix64(seed: seed)
        self.prefix = "tg\(seed)"
        self.productIDs = productIDs.isEmpty ? ["mug"] : productIDs
    }

    var cartID: String { "\(prefix)-cart-\(cartNumber)" }

    mutating func next() -> PlannedRequest {
        let roll = Int.random(in: 0..<100, using: &random)
        switch roll {
        case 0..<30:
            return PlannedRequest(
                kind: .listProducts, method: "GET", path: "/api/products", route: CheckoutRoutes.products)
        case 30..<55:
            return productRequest()
        case 55..<75:
            return addItemRequest()
        case 75..<82:
            return PlannedRequest(
                kind: .getCart, method: "GET", path: "/api/cart/\(cartID)", route: CheckoutRoutes.cart)
        case 82..<90:
            guard cartHasItems else { return addItemRequest() }
            return PlannedRequest(
                kind: .checkout,
                method: "POST",
                path: "/api/checkout/\(cartID)",
                route: CheckoutRoutes.checkout
            )
        case 90..<95:
            guard !orderIDs.isEmpty else { return productRequest() }
            let id = orderIDs[Int.random(in: 0..<orderIDs.count, using: &random)]
            return PlannedRequest(
                kind: .getOrder, method: "GET", path: "/api/orders/\(id)", route: CheckoutRoutes.order)
        case 95..<98:
            missingNumber += 1
            return PlannedRequest(
                kind: .missingProduct,
                method: "GET",
                path: "/api/products/no-such-product-\(missingNumber)",
                route: CheckoutRoutes.product
            )
        default:
            return PlannedRequest(
                kind: .unknownRoute,
                method: "GET",
                path: "/api/no-such-route",
                route: CheckoutRoutes.unmatched
            )
        }
    }

    /// Updates the cart and order state from a response.
    mutating func observe(_ request: PlannedRequest, status: Int, body: [UInt8]) {
        switch request.kind {
        case .addItem where status == 200:
            cartHasItems = true
        case .checkout where status == 201:
            if let order = try? JSONDecoder().decode(OrderReference.self, from: Data(body)) {
                orderIDs.append(order.id)
                if orderIDs.count > Self.rememberedOrders { orderIDs.removeFirst() }
            }
            cartNumber += 1
            cartHasItems = false
        case .checkout where status == 409:
            cartHasItems = false
        default:
            break
        }
    }

    private struct OrderReference: Decodable {
        var id: String
    }

    private mutating func productRequest() -> PlannedRequest {
        let id = productIDs[Int.random(in: 0..<productIDs.count, using: &random)]
        return PlannedRequest(
            kind: .getProduct, method: "GET", path: "/api/products/\(id)", route: CheckoutRoutes.product)
    }

    private mutating func addItemRequest() -> PlannedRequest {
        let id = productIDs[Int.random(in: 0..<productIDs.count, using: &random)]
        let quantity = Int.random(in: 1...3, using: &random)
        return PlannedRequest(
            kind: .addItem,
            method: "POST",
            path: "/api/cart/\(cartID)/items",
            route: CheckoutRoutes.cartItems,
            body: #"{"productID":"\#(id)","quantity":\#(quantity)}"#
        )
    }
}
