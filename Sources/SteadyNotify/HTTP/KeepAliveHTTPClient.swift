import NIOCore
import NIOHTTP1
import NIOPosix
import SteadyModel
import Synchronization

/// POSTs to plain-HTTP receivers over kept-alive HTTP/1.1 connections: a SwiftNIO channel per request in flight,
/// idle channels pooled per `host:port` and reused, so a notification costs one write and one read on an open
/// connection instead of AsyncHTTPClient's request machinery (measured in docs/performance.md).
///
/// It handles exactly what webhook delivery needs: one request at a time per connection, the response's status,
/// headers and up to ``bodyLimit`` bytes of its body (the rest is read and dropped up to ``drainLimit``; past that the
/// connection is closed instead of read to the end), a whole-exchange timeout, and one retry on a new connection
/// when a reused connection turns out to be closed before any response arrived (the server closed it while idle).
/// Redirects, TLS and everything else stay with AsyncHTTPClient (``HTTPPoster`` decides).
final class KeepAliveHTTPClient: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The client the notifiers share (like `HTTPClient.shared`, never shut down).
    static let shared = KeepAliveHTTPClient()

    static let bodyLimit = 64 * 1024
    static let drainLimit = 1 << 20

    private struct Key: Hashable {
        var host: String
        var port: Int
    }

    private struct Idle: Sendable {
        var channel: any Channel
        var exchange: ExchangeHandler
    }

    private let group: any EventLoopGroup
    private let maximumIdlePerHost: Int
    private let idleTimeout: TimeAmount
    private let idle = Mutex<[Key: [Idle]]>([:])

    init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, maximumIdlePerHost: Int = 4,
        idleTimeout: Duration = .seconds(90)
    ) {
        self.group = group
        self.maximumIdlePerHost = maximumIdlePerHost
        self.idleTimeout = .nanoseconds(Int64(idleTimeout.nanoseconds))
    }

    /// Idle connections kept for `host:port` (tests).
    func idleCount(host: String, port: Int) -> Int {
        idle.withLock { $0[Key(host: host, port: port), default: []].count }
    }

    /// POSTs `body` to `path` on `host:port` with `headers` (Host and Content-Length are added) and returns the
    /// response; throws ``Failure`` for transport errors and the timeout.
    func post(
        host: String, port: Int, path: String, headers: HTTPHeaders, body: [UInt8], timeout: Duration
    ) async throws -> Response {
        let key = Key(host: host, port: port)
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path.isEmpty ? "/" : path)
        head.headers = headers
        let hostText = host.contains(":") ? "[\(host)]" : host
        head.headers.replaceOrAdd(name: "Host", value: port == 80 ? hostText : "\(hostText):\(port)")
        head.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.nanoseconds))
        let bodyBuffer = ByteBuffer(bytes: body)
        // A reused connection may have been closed by the server while it sat idle: then the request goes once
        // more on a new connection (receivers get a dedup key with every notification).
        if let reused = takeIdle(key) {
            do {
                return try await exchange(key, reused, head: head, body: bodyBuffer, deadline: deadline)
            } catch is StaleConnection {}
        }
        // A new connection: the request is written as soon as it is up, on its event loop.
        let connected: (Idle, ExchangeHandler.Result)
        do {
            connected = try await connect(key, deadline: deadline).flatMap { connection in
                Self.send(on: connection, head: head, body: bodyBuffer, deadline: deadline).map { (connection, $0) }
            }.get()
        } catch {
            throw Self.failure(error, reused: false)
        }
        return finish(key, connected.0, connected.1)
    }

    /// A reused connection ended before any response byte: the request may be sent again.
    private struct StaleConnection: Error {}

    /// An idle connection to `key`, preferring one on the calling thread's event loop (then writing the request
    /// wakes no other thread).
    private func takeIdle(_ key: Key) -> Idle? {
        while let candidate = idle.withLock({ pool -> Idle? in
            guard var connections = pool[key], !connections.isEmpty else { return nil }
            let index = connections.lastIndex { $0.channel.eventLoop.inEventLoop } ?? connections.count - 1
            let taken = connections.remove(at: index)
            pool[key] = connections
            return taken
        }) {
            if candidate.channel.isActive { return candidate }
        }
        return nil
    }

    private func putIdle(_ key: Key, _ connection: Idle) {
        let excess = idle.withLock { pool -> Idle? in
            pool[key, default: []].append(connection)
            return pool[key]!.count > maximumIdlePerHost ? pool[key]!.removeFirst() : nil
        }
        excess?.channel.close(promise: nil)
    }

    private func forget(_ key: Key, _ channel: any Channel) {
        idle.withLock { pool in pool[key]?.removeAll { $0.channel === channel } }
    }

    /// A new connection to `key`, its handlers in place; fails with ``Failure``.
    private func connect(_ key: Key, deadline: NIODeadline) -> EventLoopFuture<Idle> {
        let exchange = ExchangeHandler()
        let remaining = deadline - .now()
        guard remaining > .zero else {
            return group.next().makeFailedFuture(Failure(description: "timed out before connecting"))
        }
        // On one of the group's event loops, connect on that loop: the request is written without a thread hop.
        let bootstrap = ClientBootstrap(group: (group as? MultiThreadedEventLoopGroup)?.any() ?? group)
            .connectTimeout(remaining)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(exchange)
                }
            }
        // An IP literal needs no resolver (NIO's runs getaddrinfo on a dispatch queue: two thread hops).
        let connecting: EventLoopFuture<any Channel>
        if let address = try? SocketAddress(ipAddress: key.host, port: key.port) {
            connecting = bootstrap.connect(to: address)
        } else {
            connecting = bootstrap.connect(host: key.host, port: key.port)
        }
        return connecting.map { channel in
            channel.closeFuture.whenComplete { [weak self] _ in self?.forget(key, channel) }
            return Idle(channel: channel, exchange: exchange)
        }.flatMapErrorThrowing { error in
            throw Failure(description: "connect failed: \(error)")
        }
    }

    /// Writes the request on `connection` (on its event loop) and completes with the response; the connection is
    /// closed if the exchange fails.
    private static func send(
        on connection: Idle, head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline
    ) -> EventLoopFuture<ExchangeHandler.Result> {
        let channel = connection.channel
        let promise = channel.eventLoop.makePromise(of: ExchangeHandler.Result.self)
        connection.exchange.begin(promise, deadline: deadline, on: channel)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return promise.futureResult.flatMapErrorThrowing { error in
            channel.close(promise: nil)
            throw error
        }
    }

    /// What a failed exchange means for the caller: ``StaleConnection`` for a reused connection that ended before
    /// any response byte (send again), ``Failure`` otherwise.
    private static func failure(_ error: any Error, reused: Bool) -> any Error {
        switch error {
        case let failure as Failure:
            return failure
        case let ended as ExchangeHandler.Ended:
            if ended.beforeResponse && !ended.timedOut && reused { return StaleConnection() }
            return Failure(description: ended.description)
        default:
            return Failure(description: "request failed: \(error)")
        }
    }

    /// After a response: the connection goes back to the pool if it may be reused, else it is closed.
    private func finish(_ key: Key, _ connection: Idle, _ result: ExchangeHandler.Result) -> Response {
        let channel = connection.channel
        if result.reusable {
            let handler = connection.exchange
            let idleTimeout = self.idleTimeout
            channel.eventLoop.execute { handler.idle(after: idleTimeout, on: channel) }
            putIdle(key, connection)
        } else {
            channel.close(promise: nil)
        }
        return result.response
    }

    /// One request on `connection`, taken from the pool (so reused); afterwards it goes back to the pool or is closed.
    private func exchange(
        _ key: Key, _ connection: Idle, head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline
    ) async throws -> Response {
        let result: ExchangeHandler.Result
        do {
            let loop = connection.channel.eventLoop
            // On the connection's own loop (the usual case, see `takeIdle`) the request is written at once.
            let sent =
                loop.inEventLoop
                ? Self.send(on: connection, head: head, body: body, deadline: deadline)
                : loop.flatSubmit { Self.send(on: connection, head: head, body: body, deadline: deadline) }
            result = try await sent.get()
        } catch {
            throw Self.failure(error, reused: true)
        }
        return finish(key, connection, result)
    }
}

/// The channel handler behind one kept-alive connection: collects one response at a time for the request in
/// flight, fails it on timeout or when the connection ends, and closes the connection after it stayed idle too long.
/// Used on its channel's event loop only.
final class ExchangeHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    struct Result: Sendable {
        var response: KeepAliveHTTPClient.Response
        var reusable: Bool
    }

    struct Ended: Error, CustomStringConvertible {
        var description: String
        var beforeResponse: Bool
        var timedOut = false
    }

    private var promise: EventLoopPromise<Result>?
    private var timeout: Scheduled<Void>?
    private var idleClose: Scheduled<Void>?
    private var status = 0
    private var headers = HTTPHeaders()
    private var body: [UInt8] = []
    private var received = 0
    private var keepAlive = true
    private var sawHead = false

    func begin(_ promise: EventLoopPromise<Result>, deadline: NIODeadline, on channel: any Channel) {
        idleClose?.cancel()
        idleClose = nil
        self.promise = promise
        status = 0
        headers = HTTPHeaders()
        body = []
        received = 0
        keepAlive = true
        sawHead = false
        timeout = channel.eventLoop.scheduleTask(deadline: deadline) { [weak self, weak channel] in
            self?.fail(Ended(description: "timed out", beforeResponse: !(self?.sawHead ?? true), timedOut: true))
            channel?.close(promise: nil)
        }
    }

    func idle(after timeAmount: TimeAmount, on channel: any Channel) {
        idleClose = channel.eventLoop.scheduleTask(in: timeAmount) { [weak channel] in channel?.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard promise != nil else {
            // Nothing was asked: a receiver that talks out of turn does not get its connection reused.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            sawHead = true
            status = Int(head.status.code)
            headers = head.headers
            keepAlive = head.isKeepAlive
        case .body(let buffer):
            received += buffer.readableBytes
            if body.count < KeepAliveHTTPClient.bodyLimit {
                body.append(contentsOf: buffer.readableBytesView.prefix(KeepAliveHTTPClient.bodyLimit - body.count))
            }
            if received > KeepAliveHTTPClient.drainLimit {
                // Not worth reading to the end: answer with what was kept and drop the connection.
                succeed(reusable: false)
                context.close(promise: nil)
            }
        case .end:
            succeed(reusable: keepAlive)
        }
    }

    private func succeed(reusable: Bool) {
        timeout?.cancel()
        timeout = nil
        let promise = self.promise
        self.promise = nil
        promise?.succeed(
            Result(
                response: KeepAliveHTTPClient.Response(status: status, headers: headers, body: body),
                reusable: reusable))
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(Ended(description: "the receiver closed the connection", beforeResponse: !sawHead))
        idleClose?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Ended(description: "request failed: \(error)", beforeResponse: !sawHead))
        context.close(promise: nil)
    }

    private func fail(_ error: Ended) {
        timeout?.cancel()
        timeout = nil
        let promise = self.promise
        self.promise = nil
        promise?.fail(error)
    }
}
