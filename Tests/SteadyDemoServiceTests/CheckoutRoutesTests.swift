import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Checkout API")
struct CheckoutRoutesTests {
    @Test("GET /api/products lists the catalog as JSON")
    func listsProducts() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/products", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let products = try #require(try TestSupport.json(response.body)["products"] as? [[String: Any]])
            #expect(products.count == DemoCatalog.products.count)
            #expect(products.compactMap { $0["id"] as? String } == DemoCatalog.productIDs)
            #expect(products.first?["priceCents"] as? Int == DemoCatalog.products.first?.priceCents)
        }
    }

    @Test("GET /api/products/{id} answers the product, or 404 JSON for an unknown ID")
    func productByID() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let found = try await client.execute(uri: "/api/products/grinder", method: .get)
            #expect(found.status == .ok)
            let product = try TestSupport.json(found.body)
            #expect(product["id"] as? String == "grinder")
            #expect(product["name"] as? String == "Conical burr grinder")
            #expect(product["currency"] as? String == "EUR")

            let missing = try await client.execute(uri: "/api/products/teapot", method: .get)
            #expect(missing.status == .notFound)
            #expect(try TestSupport.errorCode(missing.body) == "not_found")
            #expect(try TestSupport.errorMessage(missing.body)?.contains("teapot") == true)
        }
    }

    @Test("Cart, checkout and order: add items, check out, read the order, then 409 on an empty cart")
    func checkoutFlow() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let add1 = try await client.execute(
                uri: "/api/cart/c1/items",
                method: .post,
                headers: TestSupport.jsonHeaders,
                body: TestSupport.jsonBody(#"{"productID":"mug","quantity":2}"#)
            )
            #expect(add1.status == .ok)
            let add2 = try await client.execute(
                uri: "/api/cart/c1/items",
                method: .post,
                headers: TestSupport.jsonHeaders,
                body: TestSupport.jsonBody(#"{"productID":"mug","quantity":1}"#)
            )
            #expect(add2.status == .ok)
            let add3 = try await client.execute(
                uri: "/api/cart/c1/items",
                method: .post,
                headers: TestSupport.jsonHeaders,
                body: TestSupport.jsonBody(#"{"productID":"kettle"}"#)
            )
            #expect(add3.status == .ok)

            let cartResponse = try await client.execute(uri: "/api/cart/c1", method: .get)
            #expect(cartResponse.status == .ok)
            let cart = try TestSupport.json(cartResponse.body)
            let items = try #require(cart["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.first?["productID"] as? String == "mug")
            #expect(items.first?["quantity"] as? Int == 3)
            #expect(items.first?["lineTotalCents"] as? Int == 3 * 1_450)
            #expect(cart["totalCents"] as? Int == 3 * 1_450 + 7_900)

            let checkout = try await client.execute(uri: "/api/checkout/c1", method: .post)
            #expect(checkout.status == .created)
            let order = try TestSupport.json(checkout.body)
            let orderID = try #require(order["id"] as? String)
            #expect(orderID == "ord-000001")
            #expect(checkout.headers[.location] == "/api/orders/\(orderID)")
            #expect(order["totalCents"] as? Int == 3 * 1_450 + 7_900)
            #expect(order["cartID"] as? String == "c1")

            let readBack = try await client.execute(uri: "/api/orders/\(orderID)", method: .get)
            #expect(readBack.status == .ok)
            #expect(try TestSupport.json(readBack.body)["id"] as? String == orderID)

            let emptied = try await client.execute(uri: "/api/cart/c1", method: .get)
            #expect((try TestSupport.json(emptied.body)["items"] as? [Any])?.isEmpty == true)

            let again = try await client.execute(uri: "/api/checkout/c1", method: .post)
            #expect(again.status == .conflict)
            #expect(try TestSupport.errorCode(again.body) == "empty_cart")

            let unknownOrder = try await client.execute(uri: "/api/orders/ord-999999", method: .get)
            #expect(unknownOrder.status == .notFound)
            #expect(try TestSupport.errorCode(unknownOrder.body) == "not_found")
        }
    }

    @Test(
        "POST /api/cart/{cartID}/items answers 400 JSON on bad input",
        arguments: [
            ("not json", "bad_request"),
            (#"{"quantity":1}"#, "bad_request"),
            (#"{"productID":"mug","quantity":"two"}"#, "bad_request"),
            (#"{"productID":"teapot","quantity":1}"#, "unknown_product"),
            (#"{"productID":"mug","quantity":0}"#, "invalid_quantity"),
            (#"{"productID":"mug","quantity":5000}"#, "invalid_quantity"),
            ("", "bad_request"),
        ]
    )
    func addItemBadInput(body: String, code: String) async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/cart/c1/items",
                method: .post,
                headers: TestSupport.jsonHeaders,
                body: TestSupport.jsonBody(body)
            )
            #expect(response.status == .badRequest)
            #expect(try TestSupport.errorCode(response.body) == code)
            #expect(try TestSupport.errorMessage(response.body)?.isEmpty == false)
        }
    }

    @Test("An invalid cart ID answers 400")
    func invalidCartID() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let longID = String(repeating: "x", count: 65)
            let response = try await client.execute(uri: "/api/cart/\(longID)", method: .get)
            #expect(response.status == .badRequest)
            #expect(try TestSupport.errorCode(response.body) == "invalid_cart_id")
        }
    }

    @Test("Unknown routes answer 404 JSON")
    func unknownRoute() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/nothing-here", method: .get)
            #expect(response.status == .notFound)
            #expect(try TestSupport.errorCode(response.body) == "not_found")
        }
    }
}
