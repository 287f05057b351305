import SteadyExposition
import SteadyModel

/// One exposition parser per scrape target, so each target's repeated series come from that parser's caches
/// (about 3× faster than a fresh parser; see docs/performance.md). A target's scrapes never overlap, so a parser is
/// taken out of the pool while it parses and put back afterwards.
final class ParserPool: Sendable {
    private let parsers = LockedBox<[String: ExpositionParser]>([:])

    func parse(target: String, body: [UInt8], contentType: String?) throws -> ScrapeBody {
        var parser = parsers.withLock { $0.removeValue(forKey: target) } ?? ExpositionParser()
        defer {
            let finished = parser
            parsers.withLock { $0[target] = finished }
        }
        return try parser.parse(body, contentType: contentType)
    }

    /// Drops the parsers of targets that are gone.
    func retain(targets: Set<String>) {
        parsers.withLock { pool in pool = pool.filter { targets.contains($0.key) } }
    }
}
