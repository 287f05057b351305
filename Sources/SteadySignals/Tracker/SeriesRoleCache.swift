/// A bounded memo of series roles, so regular-expression selectors run once per series rather than once per
/// sample per scrape.
///
/// Two generations: lookups hit `current`, then `previous` (promoting the entry). When `current` reaches half the
/// capacity it becomes `previous` and the old `previous` is dropped, so at most `capacity` entries are held and
/// series that are still scraped survive every rotation.
struct SeriesRoleCache: Sendable {
    let capacity: Int
    private var current: [SeriesKey: SeriesRole] = [:]
    private var previous: [SeriesKey: SeriesRole] = [:]

    init(capacity: Int) {
        self.capacity = Swift.max(2, capacity)
    }

    /// Entries held (at most `capacity`; a promoted entry may be counted in both generations).
    var count: Int { current.count + previous.count }

    /// The cached role, promoted to the current generation when found in the previous one.
    mutating func role(for key: SeriesKey) -> SeriesRole? {
        if let role = current[key] { return role }
        guard let role = previous[key] else { return nil }
        insert(role, for: key)
        return role
    }

    mutating func insert(_ role: SeriesRole, for key: SeriesKey) {
        if current.count >= capacity / 2 {
            previous = current
            current = Dictionary(minimumCapacity: capacity / 2)
        }
        current[key] = role
    }
}
