import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP server on 127.0.0.1 that answers HTTP/1.1 requests with scripted bytes, so the tests can choose the
/// framing (Content-Length, chunked, close-delimited), close connections at awkward moments and stay silent. It
/// parses just enough of each request (head, Content-Length body) and records them, with the connection they came on.
final class ScriptedHTTPServer: Sendable {
    /// What to do with a request: answer `bytes` (then close if `close`), close without answering, or say nothing.
    enum Reply: Sendable {
        case answer(String, close: Bool = false)
        case hangUp
        case silence
    }

    struct Received: Sendable, Equatable {
        var connection: Int
        /// The request's position on its connection (1 for the first).
        var sequence: Int
        var head: String
        var body: String
    }

    private struct State {
        var connections = 0
        var received: [Received] = []
    }

    private let state = Mutex(State())
    /// Picks the reply for a request line (e.g. `POST /ok HTTP/1.1`) and its position on its connection.
    let script: @Sendable (_ requestLine: String, _ sequence: Int) -> Reply

    init(script: @escaping @Sendable (_ requestLine: String, _ sequence: Int) -> Reply) {
        self.script = script
    }

    var connections: Int { state.withLock { $0.connections } }
    var received: [Received] { state.withLock { $0.received } }

    func run<T: Sendable>(_ body: @Sendable @escaping (Int) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let number = self.state.withLock { state -> Int in
                    state.connections += 1
                    return state.connections
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedConnection(server: self, number: number))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return try await serving(channel, body)
    }

    fileprivate func record(_ received: Received) {
        state.withLock { $0.received.append(received) }
    }
}

private final class ScriptedConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: ScriptedHTTPServer
    let number: Int
    private var buffered: [UInt8] = []
    private var sequence = 0

    init(server: ScriptedHTTPServer, number: Int) {
        self.server = server
        self.number = number
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffered.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let request = nextRequest() {
            sequence += 1
            server.record(
                ScriptedHTTPServer.Received(
                    connection: number, sequence: sequence, head: request.head, body: request.body))
            let requestLine = String(request.head.split(separator: "\r\n").first ?? "")
            switch server.script(requestLine, sequence) {
            case .answer(let text, let close):
                let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)))
                if close { written.whenComplete { _ in context.close(promise: nil) } }
            case .hangUp:
                context.close(promise: nil)
                return
            case .silence:
                break
            }
        }
    }

    /// Takes one complete request (head and Content-Length body) off the buffer.
    private func nextRequest() -> (head: String, body: String)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = buffered.indices.dropLast(3).first(where: { buffered[$0..<$0 + 4].elementsEqual(separator) })
        else { return nil }
        let head = String(decoding: buffered[..<end], as: UTF8.self)
        var length = 0
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        guard buffered.count >= end + 4 + length else { return nil }
        let body = String(decoding: buffered[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        buffered.removeFirst(end + 4 + length)
        return (head, body)
    }
}

/// Runs `body` with the port `channel` (a bound server) listens on, and closes the channel afterwards, also when
/// `body` throws.
func serving<T: Sendable>(_ channel: any Channel, _ body: @Sendable (Int) async throws -> T) async throws -> T {
    let port = channel.localAddress?.port ?? 0
    do {
        let result = try await body(port)
        try? await channel.close()
        return result
    } catch {
        try? await channel.close()
        throw error
    }
}
