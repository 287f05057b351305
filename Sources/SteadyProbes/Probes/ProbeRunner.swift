public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
public import SteadyModel

/// Performs single probe runs: an HTTP request through AsyncHTTPClient, or a TCP connect; for `https` URLs it can
/// also read the server certificate's expiry (``TLSCertificateInspector``).
///
/// Latency is measured on the continuous clock (it is a measurement, not a schedule).
///
/// ```swift
/// let runner = ProbeRunner()
/// let outcome = await runner.run(probe, inspectCertificate: true)
/// ```
public struct ProbeRunner: Sendable {
    let httpClient: HTTPClient
    let group: any EventLoopGroup

    /// A runner on `httpClient` (default: AsyncHTTPClient's shared client) and `group` for TCP and TLS connects.
    public init(httpClient: HTTPClient, group: any EventLoopGroup) {
        self.httpClient = httpClient
        self.group = group
    }

    /// A runner on the shared HTTP client and NIO's shared event loop group.
    public init() {
        self.init(httpClient: .shared, group: MultiThreadedEventLoopGroup.singleton)
    }

    /// Runs `spec` once. With `inspectCertificate`, HTTPS probes also report the certificate's `notAfter`.
    public func run(_ spec: ProbeSpec, inspectCertificate: Bool) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome: ProbeOutcome
        switch spec.kind {
        case .http(let check):
            outcome = await http(check, timeout: spec.timeout)
            outcome.latency = start.duration(to: clock.now)
            if inspectCertificate, check.tlsExpiryWarning != nil, let url = URL(string: check.url),
                url.scheme?.lowercased() == "https", let host = url.host
            {
                let inspector = TLSCertificateInspector(group: group)
                let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
                outcome.certificateNotAfter = try? await inspector.notAfter(
                    host: bareHost, port: url.port ?? 443, timeout: spec.timeout)
            }
        case .tcp(let host, let port):
            outcome = await tcp(host: host, port: port, timeout: spec.timeout)
            outcome.latency = start.duration(to: clock.now)
        }
        return outcome
    }

    private func http(_ check: ProbeSpec.HTTPCheck, timeout: Duration) async -> ProbeOutcome {
        var request = HTTPClientRequest(url: check.url)
        request.method = HTTPMethod(rawValue: check.method.uppercased())
        request.headers.add(name: "User-Agent", value: "steady-probe")
        // Every run opens a fresh connection (like blackbox_exporter), so connect failures are seen.
        request.headers.add(name: "Connection", value: "close")
        if check.insecureSkipVerify {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            request.tlsConfiguration = tls
        }
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(max(1, timeout.nanoseconds)))
            let status = Int(response.status.code)
            // Drain (and cap) the body so the connection can be reused.
            _ = try? await response.body.collect(upTo: 1 << 20)
            guard check.expectedStatus.contains(status) else {
                return ProbeOutcome(
                    success: false, latency: .zero, statusCode: status,
                    error: ProbeError.unexpectedStatus(status, expected: check.expectedStatus).description)
            }
            return ProbeOutcome(success: true, latency: .zero, statusCode: status)
        } catch {
            return ProbeOutcome(success: false, latency: .zero, error: Self.describe(error))
        }
    }

    private func tcp(host: String, port: Int, timeout: Duration) async -> ProbeOutcome {
        let amount = TimeAmount.nanoseconds(max(1, timeout.nanoseconds))
        do {
            let channel = try await ClientBootstrap(group: group).connectTimeout(amount)
                .connect(host: host, port: port).get()
            try? await channel.close()
            return ProbeOutcome(success: true, latency: .zero)
        } catch {
            return ProbeOutcome(success: false, latency: .zero, error: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout {
                return ProbeError.timedOut.description
            }
            return "\(error)"
        }
        return "\(error)"
    }
}
