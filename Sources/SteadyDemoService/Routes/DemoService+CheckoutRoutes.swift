import HTTPTypes
import Hummingbird

extension DemoService {
    /// `{"productID": "mug", "quantity": 2}`; quantity defaults to 1.
    struct AddItemRequest: Decodable {
        var productID: String
        var quantity: Int?
    }

    struct ProductList: Encodable {
        var products: [Product]
    }

    func addCheckoutRoutes(to group: RouterGroup<BasicRequestContext>) {
        let store = self.store
        group.get(RouterPath(CheckoutRoutes.products)) { _, _ in
            JSONResponse.make(ProductList(products: store.catalog))
        }
        group.get(RouterPath(CheckoutRoutes.product)) { _, context in
            let id = try context.parameters.require("id")
            guard let product = store.product(id: id) else {
                throw APIError.notFound("no product with id '\(id)'")
            }
            return JSONResponse.make(product)
        }
        group.post(RouterPath(CheckoutRoutes.cartItems)) { request, context in
            let cartID = try Self.cartID(context)
            let body = try await request.decodeJSONBody(as: AddItemRequest.self)
            do throws(CheckoutStore.Failure) {
                let cart = try store.addItem(cartID: cartID, productID: body.productID, quantity: body.quantity ?? 1)
                return JSONResponse.make(cart)
            } catch {
                throw error.apiError
            }
        }
        group.get(RouterPath(CheckoutRoutes.cart)) { _, context in
            JSONResponse.make(store.cart(id: try Self.cartID(context)))
        }
        group.post(RouterPath(CheckoutRoutes.checkout)) { _, context in
            let cartID = try Self.cartID(context)
            do throws(CheckoutStore.Failure) {
                let order = try store.checkout(cartID: cartID)
                var headers = HTTPFields()
                headers[.location] = "/api/orders/\(order.id)"
                return JSONResponse.make(order, status: .created, headers: headers)
            } catch {
                throw error.apiError
            }
        }
        group.get(RouterPath(CheckoutRoutes.order)) { _, context in
            let id = try context.parameters.require("id")
            guard let order = store.order(id: id) else {
                throw APIError.notFound("no order with id '\(id)'")
            }
            return JSONResponse.make(order)
        }
    }

    /// Cart IDs are chosen by clients: 1–64 characters from `A-Z a-z 0-9 . _ -`.
    static func cartID(_ context: BasicRequestContext) throws -> String {
        let id = try context.parameters.require("cartID")
        let valid =
            !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        guard valid else {
            throw APIError.badRequest(
                "cart ID must be 1-64 characters from A-Z, a-z, 0-9, '.', '_' and '-'", code: "invalid_cart_id")
        }
        return id
    }
}

extension CheckoutStore.Failure {
    /// The HTTP error a store failure becomes.
    var apiError: APIError {
        switch self {
        case .unknownProduct(let id):
            APIError.badRequest("unknown productID '\(id)'", code: "unknown_product")
        case .invalidQuantity(let quantity):
            APIError.badRequest(
                "quantity must be between 1 and \(CheckoutStore.maximumLineQuantity) per line, got \(quantity)",
                code: "invalid_quantity"
            )
        case .emptyCart(let cartID):
            APIError.conflict("cart '\(cartID)' is empty", code: "empty_cart")
        }
    }
}
