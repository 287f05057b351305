/// The route templates of the checkout API. They are the `route` label of the golden-signal metrics, and the
/// ``TrafficGenerator`` keys its statistics by them.
public enum CheckoutRoutes {
    public static let products = "/api/products"
    public static let product = "/api/products/{id}"
    public static let cartItems = "/api/cart/{cartID}/items"
    public static let cart = "/api/cart/{cartID}"
    public static let checkout = "/api/checkout/{cartID}"
    public static let order = "/api/orders/{id}"
    /// The `route` label of requests that matched no route.
    public static let unmatched = "unmatched"
}
