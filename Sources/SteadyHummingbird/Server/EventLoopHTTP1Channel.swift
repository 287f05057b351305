public import HummingbirdCore
public import Logging
public import NIOCore

/// Hummingbird's HTTP/1.1 child channel, with each connection's task preferring the connection's event loop as its
/// executor (``EventLoopTaskExecutor``).
///
/// Hummingbird reads a connection on its event loop and runs the handlers on the cooperative pool: every request
/// wakes a pool thread and every response wakes the event loop again. Here the handlers run where the bytes are,
/// and so do default actors they call; code on other executors (custom-executor actors, `@MainActor`, detached
/// tasks) is unaffected. Handlers must not block: a blocking call stalls every connection on that loop.
public struct EventLoopHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    private let inner: HTTP1Channel

    public init(responder: @escaping HTTPChannelHandler.Responder, configuration: HTTP1Channel.Configuration) {
        inner = HTTP1Channel(responder: responder, configuration: configuration)
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger)
    }

    public func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await inner.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// An HTTP/1.1 server whose handlers run on their connection's event loop (``EventLoopHTTP1Channel``).
    ///
    /// ```swift
    /// let app = Application(router: router, server: .http1OnEventLoops())
    /// ```
    public static func http1OnEventLoops(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in EventLoopHTTP1Channel(responder: responder, configuration: configuration) }
    }
}
