import Foundation
public import NIOCore
import NIOPosix
import NIOSSL
public import SteadyModel

/// Reads the certificate a TLS server presents, over a direct NIO connection that completes the handshake without
/// verifying the chain (the expiry of an untrusted or already expired certificate is still worth reporting).
///
/// ```swift
/// let notAfter = try await TLSCertificateInspector().notAfter(host: "127.0.0.1", port: 8443, timeout: .seconds(5))
/// ```
public struct TLSCertificateInspector: Sendable {
    let group: any EventLoopGroup

    public init(group: any EventLoopGroup) { self.group = group }

    /// An inspector on NIO's shared event loop group.
    public init() { self.group = MultiThreadedEventLoopGroup.singleton }

    /// The leaf certificate's `notAfter`. `serverName` is sent as SNI (defaults to `host` unless it is an IP
    /// address). The timeout covers connect and handshake.
    public func notAfter(
        host: String, port: Int, serverName: String? = nil, timeout: Duration
    ) async throws
        -> WallInstant
    {
        var configuration = TLSConfiguration.makeClientConfiguration()
        // Verification stays on so that the custom callback runs; the callback accepts any chain.
        configuration.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: configuration)
        let sni = serverName ?? (Self.isIPAddress(host) ? nil : host)
        let promise = group.next().makePromise(of: WallInstant.self)
        let timeAmount = TimeAmount.nanoseconds(max(1, timeout.nanoseconds))
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeAmount)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: sni) {
                        certificates, verification in
                        if let leaf = certificates.first {
                            promise.succeed(
                                WallInstant(nanosecondsSinceEpoch: Int64(leaf.notValidAfter) * 1_000_000_000))
                        } else {
                            promise.fail(ProbeError.noCertificate)
                        }
                        verification.succeed(.certificateVerified)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            promise.fail(error)
            throw error
        }
        let timer = channel.eventLoop.scheduleTask(in: timeAmount) {
            promise.fail(ProbeError.timedOut)
        }
        channel.closeFuture.whenComplete { _ in promise.fail(ProbeError.connectionClosed) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        return try await promise.futureResult.get()
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":")
            || host.split(separator: ".").count == 4
                && host.utf8.allSatisfy { $0 == 0x2E || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
