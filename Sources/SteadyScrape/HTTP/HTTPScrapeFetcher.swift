public import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import SteadyModel

/// Scrapes over HTTP with AsyncHTTPClient: negotiates OpenMetrics, accepts gzip, bounds body size and time.
public struct HTTPScrapeFetcher: ScrapeFetcher {
    /// The Accept header Prometheus 2.x sends.
    public static let acceptHeader =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    private let client: HTTPClient
    private let bodyLimit: Int
    private let userAgent: String

    /// `client` should be configured with `decompression: .enabled(...)`; see ``makeClient()``.
    public init(client: HTTPClient, bodyLimit: Int = 64 << 20, userAgent: String = "Steady") {
        self.client = client
        self.bodyLimit = bodyLimit
        self.userAgent = userAgent
    }

    /// An HTTP client suited to scraping (gzip/deflate decompression, no redirects beyond 3).
    public static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            decompression: .enabled(limit: .ratio(50))
        )
        configuration.connectionPool.idleTimeout = .seconds(120)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func fetch(url: String, timeout: Duration) async throws -> (body: [UInt8], contentType: String?) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: Self.acceptHeader)
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "X-Prometheus-Scrape-Timeout-Seconds", value: String(timeout.seconds))
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanoseconds)
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw ScrapeError.httpStatus(Int(response.status.code))
            }
            let buffer = try await response.body.collect(upTo: bodyLimit)
            return (Array(buffer.readableBytesView), response.headers.first(name: "Content-Type"))
        } catch let error as ScrapeError {
            throw error
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                throw ScrapeError.timeout(timeout)
            }
            throw ScrapeError.transport(String(describing: error))
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw ScrapeError.bodyTooLarge(bodyLimit)
        } catch {
            throw ScrapeError.transport(String(describing: error))
        }
    }
}
