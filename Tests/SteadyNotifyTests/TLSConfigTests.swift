import AsyncHTTPClient
import Foundation
import Logging
import NIOSSL
import SteadyModel
import Testing

@testable import SteadyNotify

extension SelfSignedCertificate {
    /// A certificate and key made elsewhere (the test PKI's CA-signed server certificate).
    init(certificate: NIOSSLCertificate, privateKey: NIOSSLPrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }
}

/// `tls_config` against real TLS: a CA, server and client certificates made with `openssl`, an HTTPS server that
/// requires a client certificate, and the fake SMTP server's STARTTLS.
@Suite("tls_config over real TLS")
struct TLSConfigTests {
    func sender() -> NotificationSender {
        var logger = Logger(label: "tls-test")
        logger.logLevel = .critical
        return NotificationSender(httpClient: .shared, clock: SystemWallClock(), logger: logger)
    }

    /// A webhook to the local server. AsyncHTTPClient retries a failed connection (a failed handshake too) until the
    /// request's deadline, so failing cases end after `timeout`.
    func webhook(port: Int, tls: TLSSettings, timeout: Duration = .seconds(3)) -> NotificationAttempt {
        NotificationAttempt(
            notification: Fixtures.notification(),
            integration: .webhook(
                WebhookConfig(
                    url: Secret("https://127.0.0.1:\(port)/hook"), http: HTTPClientSettings(timeout: timeout, tls: tls))
            ),
            attempt: 1, dedupKey: "dk-tls")
    }

    /// `ca_file`, `cert_file` and `key_file` as the configuration loader fills them in (PEM text and paths), and
    /// `server_name: localhost` (the server's certificate names `localhost`; the URL's host is 127.0.0.1).
    func mutualTLS(_ pki: TestPKI) throws -> TLSSettings {
        TLSSettings(
            ca: try pki.text(pki.caFile), caFile: pki.caFile, cert: try pki.text(pki.clientCertFile),
            certFile: pki.clientCertFile, key: Secret(try pki.text(pki.clientKeyFile)), keyFile: pki.clientKeyFile,
            serverName: "localhost")
    }

    @Test("ca_file with cert_file/key_file: delivered over mutual TLS, with the client certificate")
    func mutualTLSDelivery() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        let tls = try mutualTLS(pki)
        let sender = sender()
        let (result, port) = try await server.run { [tls] port in
            (await sender.send(webhook(port: port, tls: tls)), port)
        }
        #expect(result.kind == .delivered, "\(result.message)")
        #expect(result.status == 200)
        let request = try #require(server.received.first)
        #expect(request.clientCertificate == (try pki.certificate(pki.clientCertFile)))
        #expect(request.body == WebhookPayload.encode(Fixtures.notification()))
        #expect(request.host == "127.0.0.1:\(port)")
    }

    @Test("without the CA the server's certificate is not trusted: a clear TLS error, nothing delivered")
    func withoutCA() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        var tls = try mutualTLS(pki)
        tls.ca = nil
        tls.caFile = nil
        let sender = sender()
        let result = try await server.run { [tls] port in await sender.send(webhook(port: port, tls: tls)) }
        #expect(result.kind == .retryable)
        #expect(result.message.contains("TLS handshake failed"), "\(result.message)")
        #expect(result.message.contains("CERTIFICATE_VERIFY_FAILED"), "\(result.message)")
        #expect(server.received.isEmpty)
    }

    @Test("the server requires a client certificate: the CA alone is not enough")
    func withoutClientCertificate() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        let tls = TLSSettings(ca: try pki.text(pki.caFile), serverName: "localhost")
        let sender = sender()
        let result = try await server.run { [tls] port in await sender.send(webhook(port: port, tls: tls)) }
        #expect(result.kind == .retryable)
        #expect(server.received.isEmpty)
    }

    @Test("server_name is the SNI and the verified name; the Host header stays the URL's")
    func serverName() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        let matching = try mutualTLS(pki)
        var mismatched = try mutualTLS(pki)
        mismatched.serverName = "wrong.example"
        var unset = try mutualTLS(pki)
        unset.serverName = nil
        let sender = sender()
        let (results, port) = try await server.run { [matching, mismatched, unset] port in
            (
                [
                    await sender.send(webhook(port: port, tls: matching)),
                    await sender.send(webhook(port: port, tls: mismatched)),
                    await sender.send(webhook(port: port, tls: unset)),
                ], port
            )
        }
        #expect(results[0].kind == .delivered, "\(results[0].message)")
        let request = try #require(server.received.first)
        #expect(request.serverName == "localhost")
        #expect(request.host == "127.0.0.1:\(port)")
        #expect(request.path == "/hook")
        // The certificate names localhost: another server name fails verification, and so does the URL's own host
        // (127.0.0.1) when no server name is set.
        for refused in results.dropFirst() {
            #expect(refused.kind == .retryable)
            #expect(refused.message.contains("TLS handshake failed"), "\(refused.message)")
        }
        #expect(server.received.count == 1)
    }

    @Test("min_version and max_version bound the negotiated protocol")
    func versions() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        var tls12 = try mutualTLS(pki)
        tls12.maxVersion = .tls12
        var tls13 = try mutualTLS(pki)
        tls13.minVersion = .tls13
        let sender = sender()
        let results = try await server.run { [tls12, tls13] port in
            [await sender.send(webhook(port: port, tls: tls12)), await sender.send(webhook(port: port, tls: tls13))]
        }
        #expect(results.map(\.kind) == [.delivered, .delivered])
        #expect(server.received.map(\.tlsVersion) == [.tlsv12, .tlsv13])
    }

    @Test("a key that does not belong to the certificate fails permanently, naming no key material")
    func mismatchedKey() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let server = MutualTLSServer(pki: pki)
        var tls = try mutualTLS(pki)
        let otherKey = try pki.text(pki.otherKeyFile)
        tls.key = Secret(otherKey)
        tls.keyFile = pki.otherKeyFile
        let sender = sender()
        let result = try await server.run { [tls] port in await sender.send(webhook(port: port, tls: tls)) }
        #expect(result.kind == .permanent)
        #expect(result.message.hasPrefix("tls_config: "), "\(result.message)")
        #expect(!result.message.contains("PRIVATE KEY"))
        #expect(server.received.isEmpty)
    }

    @Test("SMTP's TLS context is built once per tls_config (off the event loop) and reused; a bad key fails")
    func smtpContextIsCached() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try mutualTLS(pki)
        let first = try await NotifierTLS.context(for: tls, defaultTrustRoots: nil)
        let second = try await NotifierTLS.context(for: tls, defaultTrustRoots: nil)
        #expect(first === second)
        var other = tls
        other.serverName = "elsewhere"
        #expect(try await NotifierTLS.context(for: other, defaultTrustRoots: nil) !== first)
        var mismatched = tls
        mismatched.key = Secret(try pki.text(pki.otherKeyFile))
        await #expect(throws: NotifierTLS.Failure.self) {
            try await NotifierTLS.context(for: mismatched, defaultTrustRoots: nil)
        }
    }

    @Test("server_name rewrites only https URLs whose host differs")
    func serverNameRoute() {
        let route = HTTPPoster.ServerNameRoute(url: "https://127.0.0.1:8443/x?y=1", serverName: "hooks.test")
        #expect(route?.url == "https://hooks.test:8443/x?y=1")
        #expect(route?.dnsOverride == ["hooks.test": "127.0.0.1"])
        #expect(route?.hostHeader == "127.0.0.1:8443")
        #expect(HTTPPoster.ServerNameRoute(url: "https://hooks.test/x", serverName: "HOOKS.test") == nil)
        #expect(HTTPPoster.ServerNameRoute(url: "http://127.0.0.1/x", serverName: "hooks.test") == nil)
        #expect(HTTPPoster.ServerNameRoute(url: "https://127.0.0.1/x", serverName: nil) == nil)
        #expect(
            HTTPPoster.ServerNameRoute(url: "https://10.0.0.1:443/x", serverName: "a.test")?.hostHeader == "10.0.0.1")
    }

    // MARK: - Email

    func email(host: String = "127.0.0.1", port: Int, tls: TLSSettings) -> NotificationAttempt {
        NotificationAttempt(
            notification: Fixtures.notification(),
            integration: .email(
                EmailConfig(
                    to: "oncall@example.com", from: "steady@example.com", smarthost: "\(host):\(port)",
                    authUsername: "steady", authPassword: "s3cret", requireTLS: true, tls: tls)),
            attempt: 1, dedupKey: "dk-mail")
    }

    @Test("email STARTTLS with a custom CA (tls_config.ca_file); server_name defaults to the smarthost's host")
    func emailCustomCA() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let certificate = SelfSignedCertificate(
            certificate: try pki.certificate(pki.serverCertFile), privateKey: try pki.privateKey(pki.serverKeyFile))
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN"], tls: certificate))
        let ca = try pki.text(pki.caFile)
        let sender = sender()
        let results = try await server.run { port in
            [
                await sender.send(
                    email(port: port, tls: TLSSettings(ca: ca, caFile: pki.caFile, serverName: "localhost"))),
                // The server name defaults to the smarthost's host.
                await sender.send(email(host: "localhost", port: port, tls: TLSSettings(ca: ca))),
                // No CA: the system roots do not know the test CA.
                await sender.send(email(port: port, tls: TLSSettings(serverName: "localhost"))),
                await sender.send(email(port: port, tls: TLSSettings(ca: ca, serverName: "wrong.example"))),
                await sender.send(email(port: port, tls: TLSSettings(ca: "-----BEGIN CERTIFICATE-----\nnope\n"))),
            ]
        }
        #expect(results[0].kind == .delivered, "\(results[0].message)")
        #expect(results[1].kind == .delivered, "\(results[1].message)")
        #expect(results[2].kind == .retryable)
        #expect(results[2].message.contains("TLS"), "\(results[2].message)")
        #expect(results[3].kind == .retryable)
        #expect(results[3].message.contains("TLS"), "\(results[3].message)")
        #expect(results[4].kind == .permanent)
        #expect(results[4].message.contains("unable to use specified CA cert"), "\(results[4].message)")
        let transcripts = server.transcripts
        #expect(transcripts.filter { $0.data != nil }.count == 2)
        #expect(transcripts.filter { $0.authenticatedAs != nil }.allSatisfy { $0.usedTLS })
    }
}
