import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOPosix
import SteadyHummingbird
import Testing

@Suite("Handlers on their connection's event loop")
struct EventLoopHTTP1ChannelTests {
    /// A default actor: it runs on the calling task's preferred executor when it has one.
    actor Counter {
        var count = 0
        func increment() -> (count: Int, onEventLoop: Bool) {
            count += 1
            return (count, MultiThreadedEventLoopGroup.currentEventLoop != nil)
        }
    }

    static func where_(_ onEventLoop: Bool) -> String { onEventLoop ? "event-loop" : "elsewhere" }

    static func application(server: HTTPServerBuilder) -> some ApplicationProtocol {
        let counter = Counter()
        let router = Router()
        router.get("/where") { _, _ -> String in
            let handler = Self.where_(MultiThreadedEventLoopGroup.currentEventLoop != nil)
            let (count, actorOnLoop) = await counter.increment()
            // A suspension and resumption stay on the loop too.
            try await Task.sleep(for: .milliseconds(1))
            let resumed = Self.where_(MultiThreadedEventLoopGroup.currentEventLoop != nil)
            return "\(handler) \(Self.where_(actorOnLoop)) \(resumed) \(count)"
        }
        router.post("/echo") { request, _ -> String in
            String(buffer: try await request.body.collect(upTo: 1 << 20))
        }
        return Application(router: router, server: server)
    }

    @Test("handlers, the default actors they call and their resumptions run on the connection's event loop")
    func onEventLoop() async throws {
        try await Self.application(server: .http1OnEventLoops()).test(.live) { client in
            for round in 1...3 {
                let response = try await client.execute(uri: "/where", method: .get)
                #expect(String(buffer: response.body) == "event-loop event-loop event-loop \(round)")
            }
            // Request bodies stream in as before.
            let body = String(repeating: "steady ", count: 20_000)
            let echoed = try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: body))
            #expect(String(buffer: echoed.body) == body)
        }
    }

    @Test("Hummingbird's own HTTP/1 server runs them elsewhere (the difference the channel makes)")
    func defaultServer() async throws {
        try await Self.application(server: .http1()).test(.live) { client in
            let response = try await client.execute(uri: "/where", method: .get)
            #expect(String(buffer: response.body) == "elsewhere elsewhere elsewhere 1")
        }
    }

    @Test("the executor runs jobs on its event loop")
    func executorRunsOnLoop() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let executor = EventLoopTaskExecutor(loop)
        let onLoop = await withTaskExecutorPreference(executor) { loop.inEventLoop }
        #expect(onLoop)
        let child = await Task(executorPreference: executor) { loop.inEventLoop }.value
        #expect(child)
    }
}
