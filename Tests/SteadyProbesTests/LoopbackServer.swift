import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A Hummingbird server on 127.0.0.1 with a few fixed routes, counting the requests it receives.
final class LoopbackServer: Sendable {
    let requests = Mutex<[String]>([])

    var received: [String] { requests.withLock { $0 } }

    /// Runs the server inside `body`, passing its port; the server stops when `body` returns.
    func run<T: Sendable>(_ body: @Sendable @escaping (Int) async throws -> T) async throws -> T {
        let router = Router()
        let record: @Sendable (Request) -> Void = { request in
            self.requests.withLock { $0.append("\(request.method.rawValue) \(request.uri.path)") }
        }
        router.get("/ok") { request, _ -> String in
            record(request)
            return "fine"
        }
        router.get("/fail") { request, _ -> Response in
            record(request)
            return Response(status: .internalServerError)
        }
        router.on("/ping/:id", method: .get) { request, _ -> String in
            record(request)
            return "OK"
        }
        router.on("/ping/:id", method: .post) { request, _ -> String in
            record(request)
            return "OK"
        }
        let ports = AsyncStream.makeStream(of: Int.self)
        var appLogger = Logger(label: "loopback-app")
        appLogger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ports.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: appLogger)
        var logger = Logger(label: "loopback")
        logger.logLevel = .critical
        // Stopped by graceful shutdown, not cancellation: Hummingbird must close pooled keep-alive connections itself.
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            do {
                let result = try await body(port)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
func closedPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}
