import NIOCore
import NIOPosix
import NIOSSL

/// A self-signed certificate for `localhost`/127.0.0.1 (EC P-256, generated once with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 3650 -subj /CN=localhost`), and a
/// loopback TLS server that answers every request with `200 OK`.
enum TLSFixture {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmDCCAT+gAwIBAgIUXo2gzJ8LQhTkTwFG1r5M48/jk8wwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTEyMzA1Mjc0NFoXDTM2MTEyMDA1
        Mjc0NFowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
        AQcDQgAE/Klvywy9OD2b76t8y5xZgWzSXg42750lfNH8047gALEzWrKLCZtt4kF2
        zG6IhA49iLoH5Aj3mzHkZ7jqYxxGpaNvMG0wHQYDVR0OBBYEFBw6W0Zdp5Ea6VMn
        Ddv4zS3Q1k3xMB8GA1UdIwQYMBaAFBw6W0Zdp5Ea6VMnDdv4zS3Q1k3xMA8GA1Ud
        EwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMAoGCCqGSM49
        BAMCA0cAMEQCID2ZDu4Xafcx2cjty0p5DDHqLf9XK7tvAaIuNAsRvZtmAiAyPX/m
        F1QzKYBTAFCFdas4xyTj4PuxPy0Sl2Z8IOeoyQ==
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgISkkGMrEwo9RLLYs
        mKwFDxtSmO8BUWLmZpf/jYpTOcShRANCAAT8qW/LDL04PZvvq3zLnFmBbNJeDjbv
        nSV80fzTjuAAsTNasosJm23iQXbMboiEDj2IugfkCPebMeRnuOpjHEal
        -----END PRIVATE KEY-----
        """

    static func certificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
    }

    /// Starts the server on 127.0.0.1 and an ephemeral port; close the returned channel to stop it.
    static func startServer() async throws -> (channel: any Channel, port: Int) {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try certificate())],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(FixedResponder())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return (channel, channel.localAddress?.port ?? 0)
    }
}

/// Answers the first bytes of any request with a fixed HTTP/1.1 response.
private final class FixedResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response)), promise: nil)
    }
}
