import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SteadyModel

/// Sends one message over SMTP on SwiftNIO: greeting, `EHLO` (falling back to `HELO`), `STARTTLS` when
/// `require_tls` is true (the default; as in Alertmanager 0.25, `require_tls: false` never starts TLS, even when the
/// server offers it), implicit TLS on port 465, `AUTH PLAIN` or `AUTH LOGIN` when a username is configured and the
/// server offers AUTH (never in clear text except to localhost, as Go's net/smtp), `MAIL FROM`, `RCPT TO`, `DATA`
/// with dot-stuffing, `QUIT`.
///
/// `tls_config` applies to both kinds of TLS: `ca`/`ca_file` replace the trusted roots, `cert`/`key` are offered as a
/// client certificate, `server_name` (the smarthost's host by default) is sent as SNI and verified, `min_version` and
/// `max_version` bound the protocol.
///
/// TLS starts right after the `220` reply to `STARTTLS`; bytes the server sent after that reply in clear text fail
/// the conversation (STARTTLS response injection) instead of being read as replies.
///
/// Classification: 2xx/3xx as expected → delivered; SMTP 4xx replies, connection failures, timeouts and protocol
/// violations → retryable; SMTP 5xx replies, missing STARTTLS with `require_tls`, bad configuration → permanent.
struct SMTPClient: Sendable {
    let group: any EventLoopGroup
    let clock: any WallClock
    let trustRoots: NIOSSLTrustRoots?
    let logger: Logger

    struct Reply: Sendable {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    /// A reply that ends the conversation with a classification.
    struct Failure: Error {
        var result: DeliveryResult
    }

    func send(_ message: EmailMessage, config: EmailConfig) async -> DeliveryResult {
        guard let (host, port) = Self.splitHostPort(config.smarthost) else {
            return .permanent("invalid smarthost \"\(config.smarthost)\": expected host:port")
        }
        do {
            return try await withThrowingTaskGroup(of: DeliveryResult.self) { group in
                group.addTask {
                    try await self.converse(message, config: config, host: host, port: port)
                }
                group.addTask {
                    try await clock.sleep(for: config.timeout)
                    return .retryable("SMTP conversation timed out after \(PrometheusDuration.format(config.timeout))")
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
        } catch let failure as Failure {
            return failure.result
        } catch let error as NIOSSLError {
            return .retryable("TLS error: \(error)")
        } catch let error as NIOSSLExtraError {
            return .retryable("TLS error: \(error)")
        } catch let error as SMTPProtocolError {
            return .retryable(error.description)
        } catch {
            return .retryable("SMTP connection failed: \(error)")
        }
    }

    static func splitHostPort(_ text: String) -> (String, Int)? {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (1...65535).contains(port) else { return nil }
        if host.hasPrefix("[") { host = host.dropFirst() }
        return (String(host), port)
    }

    /// The TLS context for STARTTLS or implicit TLS: the email's `tls_config` (its `ca` over ``trustRoots``, which
    /// replaces the system's roots otherwise). An unusable `tls_config` fails the delivery permanently.
    private func tlsContext(_ config: EmailConfig) async throws -> NIOSSLContext {
        do {
            return try await NotifierTLS.context(for: config.tls, defaultTrustRoots: trustRoots)
        } catch {
            throw Failure(result: .permanent("tls_config: \(error)"))
        }
    }

    /// The name sent as SNI and verified in the server's certificate: `tls_config.server_name`, else the
    /// smarthost's host (as Alertmanager does); nil for an IP address (NIOSSL then verifies the peer's address).
    static func serverName(_ config: EmailConfig, host: String) -> String? {
        let name = config.tls.serverName ?? host
        return isIPAddress(name) ? nil : name
    }

    private func converse(
        _ message: EmailMessage, config: EmailConfig, host: String, port: Int
    ) async throws
        -> DeliveryResult
    {
        let implicitTLS = port == 465
        let sslContext = implicitTLS ? try await tlsContext(config) : nil
        let serverName = Self.serverName(config, host: host)
        let upgrade = SMTPStartTLSUpgrade()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(SMTPLineDecoder(upgrade: upgrade)))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            var secure = implicitTLS

            func readReply() async throws -> Reply {
                var collected: [String] = []
                while true {
                    guard let line = try await lines.next() else {
                        throw Failure(result: .retryable("SMTP server closed the connection"))
                    }
                    let bytes = Array(line.utf8)
                    guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                        throw Failure(result: .retryable("malformed SMTP reply: \(line.prefix(200))"))
                    }
                    collected.append(String(line.dropFirst(4)))
                    if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return Reply(code: code, lines: collected) }
                    if collected.count > 1000 { throw Failure(result: .retryable("SMTP reply too long")) }
                }
            }
            func write(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            func expect(_ reply: Reply, _ accepted: Set<Int>, _ step: String) throws {
                guard !accepted.contains(reply.code) else { return }
                let message = "\(step): \(reply.code) \(reply.text)"
                throw Failure(
                    result: reply.code >= 500
                        ? .permanent(message, status: reply.code)
                        : .retryable(message, status: reply.code))
            }
            func hello() async throws -> Set<String> {
                try await write("EHLO \(config.hello)")
                var reply = try await readReply()
                if reply.code >= 500 {
                    try await write("HELO \(config.hello)")
                    reply = try await readReply()
                    try expect(reply, [250], "HELO")
                    return []
                }
                try expect(reply, [250], "EHLO")
                return Set(reply.lines.dropFirst().map { $0.uppercased() })
            }

            try expect(try await readReply(), [220], "greeting")
            var extensions = try await hello()
            let offersStartTLS = extensions.contains { $0 == "STARTTLS" || $0.hasPrefix("STARTTLS ") }
            if !secure && config.requireTLS {
                guard offersStartTLS else {
                    try? await write("QUIT")
                    return .permanent(
                        "require_tls is true (the default), but \(config.smarthost) does not advertise the STARTTLS extension"
                    )
                }
                // The decoder adds the TLS handler when it decodes the 220, before reading anything else.
                upgrade.arm(context: try await tlsContext(config), serverName: serverName)
                try await write("STARTTLS")
                try expect(try await readReply(), [220], "STARTTLS")
                guard upgrade.isInstalled else {
                    throw Failure(
                        result: .retryable(
                            "SMTP server sent a reply before its STARTTLS reply (possible STARTTLS injection)"))
                }
                secure = true
                do {
                    extensions = try await hello()
                } catch {
                    // A failed handshake closes the channel, so the EHLO write fails with "I/O on closed channel";
                    // the handshake's own error (an untrusted certificate, a wrong name) reaches the inbound stream.
                    do {
                        _ = try await lines.next()
                    } catch let tlsError as NIOSSLError {
                        throw tlsError
                    } catch let tlsError as NIOSSLExtraError {
                        throw tlsError
                    } catch {}
                    throw error
                }
            }

            if !config.authUsername.isEmpty,
                let auth = extensions.first(where: { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") })
            {
                guard secure || Self.isLocalhost(host) else {
                    try? await write("QUIT")
                    return .permanent("refusing to send SMTP credentials over an unencrypted connection")
                }
                let mechanisms = Set(auth.dropFirst(5).split(separator: " ").map(String.init))
                let password = config.authPassword?.value ?? ""
                if mechanisms.contains("PLAIN") {
                    let token = Data("\(config.authIdentity)\u{0}\(config.authUsername)\u{0}\(password)".utf8)
                        .base64EncodedString()
                    try await write("AUTH PLAIN \(token)")
                    try expect(try await readReply(), [235], "AUTH PLAIN")
                } else if mechanisms.contains("LOGIN") {
                    try await write("AUTH LOGIN")
                    try expect(try await readReply(), [334], "AUTH LOGIN")
                    try await write(Data(config.authUsername.utf8).base64EncodedString())
                    try expect(try await readReply(), [334], "AUTH LOGIN")
                    try await write(Data(password.utf8).base64EncodedString())
                    try expect(try await readReply(), [235], "AUTH LOGIN")
                } else {
                    try? await write("QUIT")
                    return .permanent(
                        "no supported SMTP AUTH mechanism (offered: \(mechanisms.sorted().joined(separator: " ")))")
                }
            }

            try await write("MAIL FROM:<\(message.sender)>")
            try expect(try await readReply(), [250], "MAIL FROM")
            for recipient in message.recipients {
                try await write("RCPT TO:<\(recipient)>")
                try expect(try await readReply(), [250, 251], "RCPT TO")
            }
            try await write("DATA")
            try expect(try await readReply(), [354], "DATA")
            try await outbound.write(ByteBuffer(string: Self.dotStuffed(message.data)))
            let accepted = try await readReply()
            try expect(accepted, [250], "end of DATA")
            try? await write("QUIT")
            _ = try? await readReply()
            return .delivered(status: accepted.code, message: accepted.text)
        }
    }

    /// The DATA payload: CRLF line endings, a `.` doubled at the start of lines, terminated by `CRLF.CRLF`.
    static func dotStuffed(_ data: String) -> String {
        var text = data.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasSuffix("\n") { text.removeLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") ? "." + line : String(line)
        }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    static func isLocalhost(_ host: String) -> Bool {
        host == "localhost" || host == "127.0.0.1" || host == "::1"
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}
