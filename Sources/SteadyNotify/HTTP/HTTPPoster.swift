import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SteadyModel

/// POSTs a rendered body and classifies the response like Alertmanager's retrier: 2xx delivered; 5xx and 429
/// retryable (with `Retry-After` as a hint); any other status permanent; transport errors and timeouts retryable;
/// a malformed URL permanent. Messages never include the URL (it may carry a token).
struct HTTPPoster: Sendable {
    static let defaultTimeout: Duration = .seconds(30)
    static let bodyExcerptLimit = 512

    let client: HTTPClient
    let clock: any WallClock
    let userAgent: String

    func post(url: String, body: [UInt8], headers: [(String, String)], settings: HTTPClientSettings) async
        -> (result: DeliveryResult, responseBody: [UInt8])
    {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { return (.permanent("invalid URL: expected an http or https URL"), []) }
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
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = settings.timeout ?? Self.defaultTimeout
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
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
                return (.retryable("unexpected status code \(code): \(text)", status: code, retryAfter: retryAfter), excerpt)
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
