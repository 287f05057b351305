import Dispatch
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Calls `reload` on every SIGHUP.
struct ReloadSignalService: Service {
    let reload: @Sendable () async -> Void

    func run() async throws {
        signal(SIGHUP, SIG_IGN)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer { source.cancel() }
        try await cancelWhenGracefulShutdown {
            for await _ in stream {
                await reload()
            }
        }
        continuation.finish()
    }
}
