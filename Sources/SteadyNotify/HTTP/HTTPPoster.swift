import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SteadyModel

/// POSTs a rendered body and classifies the response like Alertmanager's retrier: 2xx delivered; 5xx and 429
/// retryable (with `Retry-After` as a hint); any other status permanent; transport errors and timeouts retryable;
/// a malformed URL permanent. Messages never include the URL (it may carry a token).
///
/// `http_config` applies per request: `tls_config.insecure_skip_verify` through the request's TLS configuration
/// (AsyncHTTPClient pools connections per TLS configuration), and `follow_redirects: false` through
/// ``nonRedirectingClient`` (a 3xx answer is then a permanent failure, as Alertmanager reports it).
struct HTTPPoster: Sendable {
    static let defaultTimeout: Duration = .seconds(30)
    static let bodyExcerptLimit = 512
    /// The client for `follow_redirects: false`. AsyncHTTPClient has no per-request redirect setting, so there is
    /// one such client for the process, created on first use and, like `HTTPClient.shared`, never shut down.
    static let nonRedirectingClient = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    let client: HTTPClient
    let clock: any WallClock
    let userAgent: String

    /// The client a request with `settings` goes through.
    func client(for settings: HTTPClientSettings) -> HTTPClient {
        settings.followRedirects ? client : Self.nonRedirectingClient
    }

    /// The request (without its body) for `settings`; nil for a URL that is not http(s).
    func request(url: String, headers: [(String, String)], settings: HTTPClientSettings) -> HTTPClientRequest? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { return nil }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        switch settings.authorization {
        case .basic(let username, let password):
            let token = Data("\(username):\(password.value)".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
        case .credentials(let type, let credentials):
            request.headers.replaceOrAdd(name: "Authorization", value: "\(type) \(credentials.value)")
        case nil:
            break
        }
        if settings.insecureSkipVerify {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            request.tlsConfiguration = tls
        }
        return request
    }

    func post(
        url: String, body: [UInt8], headers: [(String, String)], settings: HTTPClientSettings
    ) async
        -> (result: DeliveryResult, responseBody: [UInt8])
    {
        guard var request = request(url: url, headers: headers, settings: settings) else {
            return (.permanent("invalid URL: expected an http or https URL"), [])
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = settings.timeout ?? Self.defaultTimeout
        do {
            let response = try await client(for: settings).execute(
                request, timeout: .nanoseconds(timeout.nanoseconds))
            var excerpt: [UInt8] = []
            for try await chunk in response.body where excerpt.count < 64 * 1024 {
                excerpt.append(contentsOf: chunk.readableBytesView.prefix(64 * 1024 - excerpt.count))
            }
            let code = Int(response.status.code)
            let text = String(decoding: excerpt.prefix(Self.bodyExcerptLimit), as: UTF8.self)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap {
                RetryAfter.parse($0, now: clock.now)
            }
            switch code {
            case 200..<300:
                return (.delivered(status: code), excerpt)
            case 429, 500..<600:
                return (
                    .retryable("unexpected status code \(code): \(text)", status: code, retryAfter: retryAfter), excerpt
                )
            default:
                return (.permanent("unexpected status code \(code): \(text)", status: code), excerpt)
            }
        } catch let error as HTTPClientError {
            if error == .invalidURL || error == .emptyHost || error == .emptyScheme {
                return (.permanent("invalid URL: \(error)"), [])
            }
            return (.retryable("request failed: \(error)"), [])
        } catch {
            return (.retryable("request failed: \(error)"), [])
        }
    }
}
