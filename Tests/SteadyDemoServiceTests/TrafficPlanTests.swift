import Foundation
import Testing

@testable import SteadyDemoService

@Suite("TrafficPlan")
struct TrafficPlanTests {
    /// Plays `count` requests, answering as a healthy service would.
    private func play(seed: UInt64, count: Int) -> [PlannedRequest] {
        var plan = TrafficPlan(seed: seed)
        var orderNumber = 0
        var requests: [PlannedRequest] = []
        for _ in 0..<count {
            let request = plan.next()
            requests.append(request)
            switch request.kind {
            case .checkout:
                orderNumber += 1
                plan.observe(request, status: 201, body: Array(#"{"id":"ord-\#(orderNumber)"}"#.utf8))
            case .missingProduct, .unknownRoute:
                plan.observe(request, status: 404, body: [])
            default:
                plan.observe(request, status: 200, body: [])
            }
        }
        return requests
    }

    @Test("The same seed gives the same requests; another seed differs")
    func deterministic() {
        #expect(play(seed: 3, count: 300) == play(seed: 3, count: 300))
        #expect(play(seed: 3, count: 300) != play(seed: 4, count: 300))
    }

    @Test("The mix covers every kind of request, mostly browsing, with a few 404s")
    func mix() {
        let requests = play(seed: 11, count: 2_000)
        let kinds = Dictionary(grouping: requests, by: \.kind).mapValues(\.count)
        #expect(Set(kinds.keys) == Set(PlannedRequest.Kind.allCases))
        let browsing = (kinds[.listProducts] ?? 0) + (kinds[.getProduct] ?? 0)
        #expect(browsing > requests.count / 2)
        let notFound = (kinds[.missingProduct] ?? 0) + (kinds[.unknownRoute] ?? 0)
        #expect(notFound > 0 && notFound < requests.count / 10)
    }

    @Test("Checkout is only planned for a cart with items, and orders read back are ones that were placed")
    func followsState() {
        var plan = TrafficPlan(seed: 5)
        var cartHasItems = false
        var placed: Set<String> = []
        for number in 0..<2_000 {
            let request = plan.next()
            switch request.kind {
            case .addItem:
                #expect(request.method == "POST")
                #expect(request.body?.contains("productID") == true)
                cartHasItems = true
                plan.observe(request, status: 200, body: [])
            case .checkout:
                #expect(cartHasItems)
                let id = "ord-\(number)"
                placed.insert(id)
                cartHasItems = false
                plan.observe(request, status: 201, body: Array(#"{"id":"\#(id)"}"#.utf8))
            case .getOrder:
                let id = String(request.path.dropFirst("/api/orders/".count))
                #expect(placed.contains(id))
                plan.observe(request, status: 200, body: [])
            default:
                plan.observe(request, status: 200, body: [])
            }
        }
        #expect(!placed.isEmpty)
    }

    @Test("Every planned request carries the route template the service labels it with")
    func routeTemplates() {
        for request in play(seed: 9, count: 1_000) {
            switch request.kind {
            case .listProducts: #expect(request.route == "/api/products" && request.path == "/api/products")
            case .getProduct, .missingProduct: #expect(request.route == "/api/products/{id}")
            case .addItem: #expect(request.route == "/api/cart/{cartID}/items")
            case .getCart: #expect(request.route == "/api/cart/{cartID}")
            case .checkout: #expect(request.route == "/api/checkout/{cartID}")
            case .getOrder: #expect(request.route == "/api/orders/{id}")
            case .unknownRoute: #expect(request.route == "unmatched")
            }
        }
    }
}

@Suite("TrafficGenerator configuration")
struct TrafficGeneratorConfigurationTests {
    @Test(
        "Loopback base URLs are accepted",
        arguments: ["http://127.0.0.1:8081", "http://localhost:1/", "http://[::1]:8081", "http://127.1.2.3"])
    func loopback(url: String) throws {
        let generator = try TrafficGenerator(configuration: .init(baseURL: url), logger: TestSupport.logger)
        #expect(generator.stats() == TrafficGenerator.Stats())
    }

    @Test(
        "Other hosts are refused unless allowed",
        arguments: ["http://10.0.0.1:8081", "http://example.com", "http://127.0.0.1.example.com"])
    func nonLoopback(url: String) throws {
        #expect(throws: TrafficGeneratorError.nonLoopbackHost) {
            try TrafficGenerator(configuration: .init(baseURL: url), logger: TestSupport.logger)
        }
        _ = try TrafficGenerator(configuration: .init(baseURL: url, allowNonLoopback: true), logger: TestSupport.logger)
    }

    @Test("Malformed URLs and non-positive rates are refused")
    func invalid() {
        #expect(throws: TrafficGeneratorError.invalidBaseURL) {
            try TrafficGenerator(configuration: .init(baseURL: "not a url"), logger: TestSupport.logger)
        }
        #expect(throws: TrafficGeneratorError.invalidRate) {
            try TrafficGenerator(
                configuration: .init(baseURL: "http://127.0.0.1:1", requestsPerSecond: 0), logger: TestSupport.logger)
        }
    }
}
