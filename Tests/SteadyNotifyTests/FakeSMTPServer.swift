import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

@testable import SteadyNotify

/// A tiny SMTP server on 127.0.0.1 for the email tests: EHLO, optional STARTTLS and AUTH PLAIN/LOGIN, MAIL, RCPT,
/// DATA (un-dot-stuffed), QUIT. It records what it received.
final class FakeSMTPServer: Sendable {
    struct Options: Sendable {
        var authMechanisms: [String] = []
        var username = "steady"
        var password = "s3cret"
        var tls: SelfSignedCertificate? = nil
        /// Reply to RCPT TO with this code (e.g. 450, 550) instead of 250.
        var recipientReply = 250
        /// Sent in clear text in the same write as the 220 reply to STARTTLS (a STARTTLS response injection).
        var injectAfterStartTLS: String? = nil
    }

    struct Transcript: Sendable {
        var commands: [String] = []
        var authenticatedAs: String?
        var usedTLS = false
        var mailFrom: String?
        var recipients: [String] = []
        var data: String?
    }

    let options: Options
    private let state = Mutex<[Transcript]>([])
    var transcripts: [Transcript] { state.withLock { $0 } }

    init(options: Options = Options()) { self.options = options }

    func run<T: Sendable>(_ body: @Sendable @escaping (Int) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    try await withThrowingTaskGroup(of: Void.self) { sessions in
                        for try await connection in connections {
                            sessions.addTask { try? await self.serve(connection) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body(port)
        }
    }

    private func serve(_ connection: NIOAsyncChannel<String, ByteBuffer>) async throws {
        var transcript = Transcript()
        defer { state.withLock { $0.append(transcript) } }
        try await connection.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            var secure = false
            try await reply("220 fake.test ESMTP")
            while let line = try await lines.next() {
                let upper = line.uppercased()
                transcript.commands.append(upper.hasPrefix("AUTH") ? String(upper.prefix(10)) : line)
                if upper.hasPrefix("EHLO") {
                    var capabilities = ["fake.test"]
                    if options.tls != nil && !secure { capabilities.append("STARTTLS") }
                    if !options.authMechanisms.isEmpty {
                        capabilities.append("AUTH " + options.authMechanisms.joined(separator: " "))
                    }
                    capabilities.append("8BITMIME")
                    for (index, capability) in capabilities.enumerated() {
                        try await reply("250" + (index == capabilities.count - 1 ? " " : "-") + capability)
                    }
                } else if upper == "STARTTLS", let tls = options.tls {
                    var configuration = TLSConfiguration.makeServerConfiguration(
                        certificateChain: [.certificate(tls.certificate)], privateKey: .privateKey(tls.privateKey))
                    configuration.minimumTLSVersion = .tlsv12
                    let context = try NIOSSLContext(configuration: configuration)
                    let text =
                        "220 2.0.0 ready to start TLS" + (options.injectAfterStartTLS.map { "\r\n" + $0 } ?? "")
                        + "\r\n"
                    // The TLS handler goes in first and the clear-text reply is written below it (from its own
                    // context, straight to the socket): the client's ClientHello can then only reach TLS, never the
                    // line decoder.
                    let channel = connection.channel
                    try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                        do {
                            let handler = NIOSSLServerHandler(context: context)
                            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                            let below = try channel.pipeline.syncOperations.context(handler: handler)
                            return below.writeAndFlush(NIOAny(ByteBuffer(string: text)))
                        } catch {
                            return channel.eventLoop.makeFailedFuture(error)
                        }
                    }.get()
                    secure = true
                    transcript.usedTLS = true
                } else if upper.hasPrefix("AUTH PLAIN ") {
                    let token = String(line.dropFirst("AUTH PLAIN ".count))
                    let parts = (Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) } ?? "")
                        .split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                    if parts.count == 3, parts[1] == options.username, parts[2] == options.password {
                        transcript.authenticatedAs = parts[1]
                        try await reply("235 2.7.0 Authentication successful")
                    } else {
                        try await reply("535 5.7.8 Authentication credentials invalid")
                    }
                } else if upper == "AUTH LOGIN" {
                    try await reply("334 VXNlcm5hbWU6")
                    let user = try await lines.next().flatMap { Data(base64Encoded: $0) }.map {
                        String(decoding: $0, as: UTF8.self)
                    }
                    try await reply("334 UGFzc3dvcmQ6")
                    let password = try await lines.next().flatMap { Data(base64Encoded: $0) }.map {
                        String(decoding: $0, as: UTF8.self)
                    }
                    if user == options.username, password == options.password {
                        transcript.authenticatedAs = user
                        try await reply("235 2.7.0 Authentication successful")
                    } else {
                        try await reply("535 5.7.8 Authentication credentials invalid")
                    }
                } else if upper.hasPrefix("MAIL FROM:") {
                    transcript.mailFrom = String(line.dropFirst("MAIL FROM:".count)).trimmingCharacters(
                        in: CharacterSet(charactersIn: "<>"))
                    try await reply("250 2.1.0 Ok")
                } else if upper.hasPrefix("RCPT TO:") {
                    if options.recipientReply == 250 {
                        transcript.recipients.append(
                            String(line.dropFirst("RCPT TO:".count)).trimmingCharacters(
                                in: CharacterSet(charactersIn: "<>")))
                        try await reply("250 2.1.5 Ok")
                    } else {
                        try await reply("\(options.recipientReply) mailbox unavailable")
                    }
                } else if upper == "DATA" {
                    try await reply("354 End data with <CR><LF>.<CR><LF>")
                    var body: [String] = []
                    while let dataLine = try await lines.next(), dataLine != "." {
                        body.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                    }
                    transcript.data = body.joined(separator: "\r\n") + "\r\n"
                    try await reply("250 2.0.0 Ok: queued as 42")
                } else if upper == "QUIT" {
                    try await reply("221 2.0.0 Bye")
                    return
                } else {
                    try await reply("502 5.5.2 Command not recognized")
                }
            }
        }
    }
}
