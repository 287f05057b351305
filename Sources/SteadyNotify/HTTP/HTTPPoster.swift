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
/// `http_config` applies per request: `tls_config` (CA, client certificate, versions, `insecure_skip_verify`)
/// through the request's TLS configuration (AsyncHTTPClient pools connections per TLS configuration), and
/// `follow_redirects: false` through ``nonRedirectingClient`` (a 3xx answer is then a permanent failure, as
/// Alertmanager reports it). An unusable `tls_config` (bad PEM, a key that does not match its certificate) is a
/// permanent failure.
///
/// `tls_config.server_name`, when it differs from the URL's host, is the name sent as SNI and verified in the
/// server's certificate while the connection still goes to the URL's host with the URL's `Host` header, as in Go.
/// AsyncHTTPClient can only do that through a client-wide DNS override, so such a request goes through a client of
/// its own, shut down after the request; it does not follow redirects (a 3xx answer is a permanent failure).
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
    /// Plain-HTTP receivers go through this kept-alive client (nil: everything through AsyncHTTPClient).
    var keepAlive: KeepAliveHTTPClient? = .shared

    /// The client a request with `settings` goes through.
    func client(for settings: HTTPClientSettings) -> HTTPClient {
        settings.followRedirects ? client : Self.nonRedirectingClient
    }

    /// The request (without its body) for `settings`; nil for a URL that is not http(s). Throws when `tls_config`
    /// cannot be used.
    func request(
        url: String, headers: [(String, String)], settings: HTTPClientSettings
    ) async throws(NotifierTLS.Failure) -> HTTPClientRequest? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { return nil }
        let tls = try await NotifierTLS.configuration(for: settings.tls)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = requestHeaders(headers, settings: settings)
        request.tlsConfiguration = tls
        return request
    }

    /// Content type, user agent, the integration's headers and the authorization of `settings`.
    func requestHeaders(_ headers: [(String, String)], settings: HTTPClientSettings) -> HTTPHeaders {
        var result = HTTPHeaders()
        result.reserveCapacity(headers.count + 3)
        result.add(name: "Content-Type", value: "application/json")
        result.add(name: "User-Agent", value: userAgent)
        for (name, value) in headers { result.add(name: name, value: value) }
        switch settings.authorization {
        case .basic(let username, let password):
            let token = Data("\(username):\(password.value)".utf8).base64EncodedString()
            result.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
        case .credentials(let type, let credentials):
            result.replaceOrAdd(name: "Authorization", value: "\(type) \(credentials.value)")
        case nil:
            break
        }
        return result
    }

    /// Where a request goes when `tls_config.server_name` differs from an https URL's host: the URL with the
    /// server name as its host (AsyncHTTPClient sends and verifies the URL's host), the DNS override that still
    /// connects to the real host, and the real `Host` header.
    struct ServerNameRoute: Equatable {
        var url: String
        var dnsOverride: [String: String]
        var hostHeader: String

        init?(url: String, serverName: String?) {
            guard let serverName, !serverName.isEmpty, var components = URLComponents(string: url),
                components.scheme?.lowercased() == "https", let host = components.host, !host.isEmpty,
                host.lowercased() != serverName.lowercased()
            else { return nil }
            let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
            let hostText = bareHost.contains(":") ? "[\(bareHost)]" : bareHost
            hostHeader = components.port.map { $0 == 443 ? hostText : "\(hostText):\($0)" } ?? hostText
            components.host = serverName
            guard let rewritten = components.string else { return nil }
            self.url = rewritten
            dnsOverride = [serverName: bareHost]
        }
    }

    func post(
        url: String, body: [UInt8], headers: [(String, String)], settings: HTTPClientSettings
    ) async
        -> (result: DeliveryResult, responseBody: [UInt8])
    {
        let route = ServerNameRoute(url: url, serverName: settings.tls.serverName)
        // A plain http:// URL goes through the kept-alive client: one parse of the URL, no AsyncHTTPClient request.
        if route == nil, let keepAlive, let target = PlainTarget(url) {
            do {
                _ = try await NotifierTLS.configuration(for: settings.tls)  // an unusable tls_config fails as for https
            } catch {
                return (.permanent("tls_config: \(error)"), [])
            }
            let outcome = await execute(
                requestHeaders(headers, settings: settings), body: body, to: target, via: keepAlive,
                settings: settings)
            // Redirects are AsyncHTTPClient's to follow.
            let redirected = outcome.result.status.map { (300..<400).contains($0) } ?? false
            if !(redirected && settings.followRedirects) { return outcome }
        }
        let built: HTTPClientRequest?
        do {
            built = try await request(url: route?.url ?? url, headers: headers, settings: settings)
        } catch {
            return (.permanent("tls_config: \(error)"), [])
        }
        guard var request = built else {
            return (.permanent("invalid URL: expected an http or https URL"), [])
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        guard let route else { return await execute(request, client: client(for: settings), settings: settings) }
        request.headers.replaceOrAdd(name: "Host", value: route.hostHeader)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.dnsOverride = route.dnsOverride
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var outcome = await execute(request, client: client, settings: settings)
        try? await client.shutdown()
        if settings.followRedirects, let status = outcome.result.status, (300..<400).contains(status) {
            outcome.result.message =
                "redirects are not followed when tls_config.server_name is set: " + outcome.result.message
        }
        return outcome
    }

    /// A plain `http://` URL without credentials in it: where ``KeepAliveHTTPClient`` sends it.
    struct PlainTarget: Equatable {
        var host: String
        var port: Int
        var path: String

        init(host: String, port: Int, path: String) {
            self.host = host
            self.port = port
            self.path = path
        }

        init?(_ url: String) {
            guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
                let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
            else { return nil }
            self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
            self.port = components.port ?? 80
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            self.path = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
        }
    }

    private func execute(
        _ headers: HTTPHeaders, body: [UInt8], to target: PlainTarget, via keepAlive: KeepAliveHTTPClient,
        settings: HTTPClientSettings
    ) async -> (result: DeliveryResult, responseBody: [UInt8]) {
        do {
            let response = try await keepAlive.post(
                host: target.host, port: target.port, path: target.path, headers: headers, body: body,
                timeout: settings.timeout ?? Self.defaultTimeout)
            return classify(status: response.status, headers: response.headers, excerpt: response.body)
        } catch {
            return (.retryable("request failed: \(error)"), [])
        }
    }

    /// Alertmanager's rule for a response: 2xx delivered, 429 and 5xx retryable, anything else permanent.
    private func classify(
        status code: Int, headers: HTTPHeaders, excerpt: [UInt8]
    ) -> (result: DeliveryResult, responseBody: [UInt8]) {
        let text = String(decoding: excerpt.prefix(Self.bodyExcerptLimit), as: UTF8.self)
        let retryAfter = headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0, now: clock.now) }
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
    }

    private func execute(
        _ request: HTTPClientRequest, client: HTTPClient, settings: HTTPClientSettings
    ) async -> (result: DeliveryResult, responseBody: [UInt8]) {
        let timeout = settings.timeout ?? Self.defaultTimeout
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            var excerpt: [UInt8] = []
            for try await chunk in response.body where excerpt.count < 64 * 1024 {
                excerpt.append(contentsOf: chunk.readableBytesView.prefix(64 * 1024 - excerpt.count))
            }
            return classify(status: Int(response.status.code), headers: response.headers, excerpt: excerpt)
        } catch let error as HTTPClientError {
            if error == .invalidURL || error == .emptyHost || error == .emptyScheme {
                return (.permanent("invalid URL: \(error)"), [])
            }
            return (.retryable("request failed: \(error)"), [])
        } catch let error as NIOSSLError {
            return (.retryable("TLS handshake failed: \(error)"), [])
        } catch let error as NIOSSLExtraError {
            return (.retryable("TLS handshake failed: \(error)"), [])
        } catch {
            return (.retryable("request failed: \(error)"), [])
        }
    }
}
