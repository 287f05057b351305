/// The fixed catalog the checkout service sells; the ``TrafficGenerator`` browses the same IDs.
public enum DemoCatalog {
    /// Every product, in display order.
    public static let products: [Product] = [
        Product(id: "coffee-beans", name: "Single-origin coffee beans, 1 kg", priceCents: 2_490),
        Product(id: "espresso-machine", name: "Lever espresso machine", priceCents: 54_900),
        Product(id: "grinder", name: "Conical burr grinder", priceCents: 18_900),
        Product(id: "milk-frother", name: "Milk frother", priceCents: 3_990),
        Product(id: "mug", name: "Stoneware mug", priceCents: 1_450),
        Product(id: "filter-papers", name: "Filter papers, 100 pack", priceCents: 590),
        Product(id: "kettle", name: "Gooseneck kettle", priceCents: 7_900),
        Product(id: "scale", name: "Brewing scale", priceCents: 4_500),
    ]

    /// The IDs of ``products``.
    public static var productIDs: [String] { products.map(\.id) }
}
