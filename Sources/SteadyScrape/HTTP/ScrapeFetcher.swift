/// Fetches one scrape body. The HTTP implementation is ``HTTPScrapeFetcher``; tests may substitute any closure.
public protocol ScrapeFetcher: Sendable {
    /// Returns the body bytes and the response's content type; throws ``ScrapeError`` on failure.
    func fetch(url: String, timeout: Duration) async throws -> (body: [UInt8], contentType: String?)
}

/// Why a scrape failed.
public struct ScrapeError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case httpStatus(Int)
        case timeout(Duration)
        case transport(String)
        case bodyTooLarge(Int)
        case parse(String)
    }

    private let kind: Kind

    public static func httpStatus(_ code: Int) -> ScrapeError { ScrapeError(kind: .httpStatus(code)) }
    public static func timeout(_ duration: Duration) -> ScrapeError { ScrapeError(kind: .timeout(duration)) }
    public static func transport(_ message: String) -> ScrapeError { ScrapeError(kind: .transport(message)) }
    public static func bodyTooLarge(_ limit: Int) -> ScrapeError { ScrapeError(kind: .bodyTooLarge(limit)) }
    public static func parse(_ message: String) -> ScrapeError { ScrapeError(kind: .parse(message)) }

    public var description: String {
        switch kind {
        case .httpStatus(let code): "server returned HTTP status \(code)"
        case .timeout(let duration): "context deadline exceeded after \(duration)"
        case .transport(let message): message
        case .bodyTooLarge(let limit): "body size limit exceeded (\(limit) bytes)"
        case .parse(let message): "parse error: \(message)"
        }
    }
}
