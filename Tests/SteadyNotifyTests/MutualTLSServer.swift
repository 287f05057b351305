import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An HTTPS server on 127.0.0.1 for the `tls_config` tests. It presents the test PKI's server certificate and
/// requires a client certificate signed by the test CA (a client without one fails the handshake). It answers 200
/// to every request and records the request's `Host`, the SNI name of its connection, the client certificate and the
/// negotiated TLS version.
final class MutualTLSServer: Sendable {
    struct Received: Sendable {
        var path: String
        var host: String?
        var serverName: String?
        var clientCertificate: NIOSSLCertificate?
        var tlsVersion: TLSVersion?
        var body: [UInt8]
    }

    let pki: TestPKI
    private let state = Mutex<[Received]>([])
    private let serverNames = Mutex<[String?]>([])
    var received: [Received] { state.withLock { $0 } }

    init(pki: TestPKI) { self.pki = pki }

    func run<T: Sendable>(_ body: @Sendable @escaping (Int) async throws -> T) async throws -> T {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try pki.certificate(pki.serverCertFile))],
            privateKey: .privateKey(try pki.privateKey(pki.serverKeyFile)))
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([try pki.certificate(pki.caFile)])
        configuration.sslContextCallback = { values, promise in
            self.serverNames.withLock { $0.append(values.serverHostname) }
            promise.succeed(.noChanges)
        }
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls = NIOSSLServerHandler(context: context)
                    try channel.pipeline.syncOperations.addHandler(tls)
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(server: self, tls: tls))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return try await serving(channel, body)
    }

    fileprivate func record(
        _ head: HTTPRequestHead, body: [UInt8], clientCertificate: NIOSSLCertificate?, tlsVersion: TLSVersion?
    ) {
        // One connection per request in these tests: the last SNI name seen is this request's.
        let serverName = serverNames.withLock { $0.last ?? nil }
        state.withLock {
            $0.append(
                Received(
                    path: head.uri, host: head.headers.first(name: "Host"), serverName: serverName,
                    clientCertificate: clientCertificate, tlsVersion: tlsVersion, body: body))
        }
    }
}

private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: MutualTLSServer
    let tls: NIOSSLServerHandler
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(server: MutualTLSServer, tls: NIOSSLServerHandler) {
        self.server = server
        self.tls = tls
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            server.record(head, body: body, clientCertificate: tls.peerCertificate, tlsVersion: tls.tlsVersion)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "2")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "ok")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
