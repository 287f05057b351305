public import NIOCore

/// A Swift task executor that runs jobs on one SwiftNIO event loop.
///
/// A task that prefers it (`withTaskExecutorPreference`) runs its nonisolated async code, and the code of default
/// actors it calls, on that event loop's thread instead of the cooperative pool. ``HTTPServerBuilder/http1OnEventLoops(configuration:)``
/// uses it so a request is read, handled and answered on its connection's event loop, without a thread hop each
/// way.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The event loop the jobs run on.
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
