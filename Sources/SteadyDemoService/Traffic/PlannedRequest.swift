/// One request the ``TrafficGenerator`` sends, with the route template the service will label it with.
public struct PlannedRequest: Sendable, Hashable {
    /// What the request does.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case listProducts, getProduct, addItem, getCart, checkout, getOrder, missingProduct, unknownRoute
    }

    public var kind: Kind
    /// `GET` or `POST`.
    public var method: String
    /// Path and query, relative to the base URL.
    public var path: String
    /// Route template, e.g. `/api/products/{id}`, or `unmatched`.
    public var route: String
    /// JSON body, if any.
    public var body: String?

    public init(kind: Kind, method: String, path: String, route: String, body: String? = nil) {
        self.kind = kind
        self.method = method
        self.path = path
        self.route = route
        self.body = body
    }
}
