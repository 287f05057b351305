import AsyncHTTPClient
import Foundation
import Logging
import NIOSSL
import SteadyModel
import Testing

@testable import SteadyNotify

@Suite("Email over SMTP")
struct EmailTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)  // Tue, 14 Nov 2023 22:13:20

    /// A sender on a manual clock (exact `Date` headers); the TLS tests use the system clock, so a conversation that
    /// stalls ends with `EmailConfig.timeout` (30 s) as a failed expectation instead of hanging the test run.
    func sender(
        trust: SelfSignedCertificate? = nil, clock: any WallClock = ManualWallClock(now: now)
    ) -> NotificationSender {
        var logger = Logger(label: "email-test")
        logger.logLevel = .critical
        return NotificationSender(
            httpClient: .shared, clock: clock, logger: logger,
            smtpTrustRoots: trust.map { .certificates([$0.certificate]) })
    }

    func config(port: Int, requireTLS: Bool = false, password: String = "s3cret") -> EmailConfig {
        EmailConfig(
            to: "Ops <ops@example.com>, oncall@example.com", from: "steady@example.com",
            smarthost: "127.0.0.1:\(port)", authUsername: "steady", authPassword: Secret(password),
            requireTLS: requireTLS, text: ".leading dot\n{{ template \"__subject\" . }}\n")
    }

    func attempt(_ config: EmailConfig) -> NotificationAttempt {
        NotificationAttempt(
            notification: Fixtures.notification(), integration: .email(config), attempt: 1, dedupKey: "dk-7")
    }

    @Test("the message has both parts, stable ids and encoded headers")
    func message() throws {
        var config = config(port: 25)
        config.headers = ["subject": "Störung {{ .Status }}", "x-team": "{{ .CommonLabels.service }}"]
        let message = try EmailMessage.build(
            Fixtures.notification(), config: config, templates: .defaults, now: Self.now, dedupKey: "dk-7")
        #expect(message.sender == "steady@example.com")
        #expect(message.recipients == ["ops@example.com", "oncall@example.com"])
        let lines = message.data.components(separatedBy: "\r\n")
        #expect(lines.contains("Date: Tue, 14 Nov 2023 22:13:20 +0000"))
        #expect(lines.contains("Subject: =?UTF-8?B?U3TDtnJ1bmcgZmlyaW5n?="))
        #expect(lines.contains("Message-Id: <dk-7.steady@example.com>"))
        #expect(lines.contains("X-Steady-Dedup-Key: dk-7"))
        #expect(lines.contains("X-Team: checkout"))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(lines.contains("Content-Type: text/html; charset=UTF-8"))
        #expect(lines.contains("[FIRING:1] HighLatency (checkout)"))
        // The HTML part escapes alert text (quoted-printable encodes '=' as =3D).
        #expect(message.data.contains("p99 &gt; 1s &amp; rising &lt;fast&gt;"))
        #expect(!message.data.contains("\n\n"))
        let again = try EmailMessage.build(
            Fixtures.notification(), config: config, templates: .defaults, now: Self.now, dedupKey: "dk-7")
        #expect(again == message)
    }

    @Test("quoted-printable keeps lines short and escapes what it must")
    func quotedPrintable() {
        let encoded = EmailMessage.quotedPrintable(String(repeating: "a", count: 100) + "\né=x \nend")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(
            lines == [
                String(repeating: "a", count: 75) + "=", String(repeating: "a", count: 25), "=C3=A9=3Dx=20", "end",
            ])
    }

    @Test("dot-stuffing doubles leading dots and terminates DATA")
    func dotStuffing() {
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n.\r\n")
    }

    @Test("AUTH PLAIN on loopback: the server receives the exact message")
    func authPlain() async throws {
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN", "LOGIN"]))
        let sender = sender()
        let result = try await server.run { port in await sender.send(attempt(config(port: port))) }
        #expect(result.kind == .delivered)
        #expect(result.status == 250)
        let transcript = try #require(server.transcripts.first)
        #expect(transcript.authenticatedAs == "steady")
        #expect(transcript.commands.contains("AUTH PLAIN"))
        #expect(transcript.mailFrom == "steady@example.com")
        #expect(transcript.recipients == ["ops@example.com", "oncall@example.com"])
        let expected = try EmailMessage.build(
            Fixtures.notification(), config: config(port: 0), templates: .defaults, now: Self.now, dedupKey: "dk-7")
        #expect(transcript.data == expected.data)
        #expect(transcript.data?.contains("\r\n.leading dot\r\n") == true)
        #expect(transcript.commands.last == "QUIT")
    }

    @Test("AUTH LOGIN when PLAIN is not offered")
    func authLogin() async throws {
        let server = FakeSMTPServer(options: .init(authMechanisms: ["LOGIN"]))
        let sender = sender()
        let result = try await server.run { port in await sender.send(attempt(config(port: port))) }
        #expect(result.kind == .delivered)
        #expect(server.transcripts.first?.authenticatedAs == "steady")
        #expect(server.transcripts.first?.commands.contains("AUTH LOGIN") == true)
    }

    @Test("wrong credentials and rejected recipients are classified by reply code")
    func failures() async throws {
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN"]))
        let sender = sender()
        let wrong = try await server.run { port in await sender.send(attempt(config(port: port, password: "nope"))) }
        #expect(wrong.kind == .permanent)
        #expect(wrong.status == 535)

        let busy = FakeSMTPServer(options: .init(recipientReply: 450))
        let later = try await busy.run { port in await sender.send(attempt(config(port: port))) }
        #expect(later.kind == .retryable)
        #expect(later.status == 450)

        let unknown = FakeSMTPServer(options: .init(recipientReply: 550))
        let never = try await unknown.run { port in await sender.send(attempt(config(port: port))) }
        #expect(never.kind == .permanent)
        #expect(never.status == 550)
    }

    @Test("require_tls refuses a server without STARTTLS before sending anything")
    func requireTLS() async throws {
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN"]))
        let sender = sender()
        let result = try await server.run { port in await sender.send(attempt(config(port: port, requireTLS: true))) }
        #expect(result.kind == .permanent)
        #expect(result.message.contains("STARTTLS"))
        let commands = server.transcripts.first?.commands ?? []
        #expect(!commands.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
    }

    @Test("STARTTLS upgrades the connection before AUTH (self-signed certificate made in-process)")
    func startTLS() async throws {
        let certificate = try SelfSignedCertificate()
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN"], tls: certificate))
        let sender = sender(trust: certificate, clock: SystemWallClock())
        let result = try await server.run { port in await sender.send(attempt(config(port: port, requireTLS: true))) }
        #expect(result.kind == .delivered, "\(result.message)")
        let transcript = try #require(server.transcripts.first)
        #expect(transcript.usedTLS)
        #expect(transcript.authenticatedAs == "steady")
        #expect(transcript.commands.filter { $0.uppercased().hasPrefix("EHLO") }.count == 2)

        // An untrusted certificate fails the handshake: retryable, nothing sent.
        let untrusting = self.sender(clock: SystemWallClock())
        let refused = try await server.run { port in
            await untrusting.send(attempt(config(port: port, requireTLS: true)))
        }
        #expect(refused.kind == .retryable, "\(refused.message)")
    }

    @Test("require_tls: false never starts TLS, even when the server offers STARTTLS (Alertmanager 0.25)")
    func noStartTLSWithoutRequireTLS() async throws {
        let certificate = try SelfSignedCertificate()
        let server = FakeSMTPServer(options: .init(authMechanisms: ["PLAIN"], tls: certificate))
        let sender = sender(trust: certificate, clock: SystemWallClock())
        let result = try await server.run { port in await sender.send(attempt(config(port: port, requireTLS: false))) }
        #expect(result.kind == .delivered, "\(result.message)")
        let transcript = try #require(server.transcripts.first)
        #expect(!transcript.usedTLS)
        #expect(!transcript.commands.contains { $0.uppercased() == "STARTTLS" })
    }

    @Test("bytes after the STARTTLS reply (response injection) fail the conversation before AUTH")
    func startTLSInjection() async throws {
        let certificate = try SelfSignedCertificate()
        let server = FakeSMTPServer(
            options: .init(
                authMechanisms: ["PLAIN"], tls: certificate, injectAfterStartTLS: "250-fake.test\r\n250 AUTH PLAIN"))
        let sender = sender(trust: certificate, clock: SystemWallClock())
        let result = try await server.run { port in await sender.send(attempt(config(port: port, requireTLS: true))) }
        #expect(result.kind != .delivered)
        #expect(result.message.contains("STARTTLS"))
        let commands = server.transcripts.first?.commands ?? []
        #expect(!commands.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
    }

    @Test("a closed port is retryable")
    func closedPort() async throws {
        let server = FakeSMTPServer()
        let port = try await server.run { port in port }
        let result = await sender().send(attempt(config(port: port)))
        #expect(result.kind == .retryable)
    }
}
