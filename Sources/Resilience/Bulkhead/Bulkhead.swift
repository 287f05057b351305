public import Synchronization

/// Limits how many calls run at once, with an optional bounded FIFO queue and queue timeout, so one slow
/// dependency cannot take every task and connection in the service.
///
/// A call over the limit waits in the queue (up to ``queueTimeout`` and the current ``Deadline``) or, when the
/// queue is full, is rejected with ``ResilienceError/bulkheadFull``; a queue wait that times out throws
/// ``ResilienceError/bulkheadQueueTimeout`` (``ResilienceError/deadlineExceeded`` when the deadline was the bound).
/// The uncontended path takes the lock twice and does not allocate.
///
/// ```swift
/// let bulkhead = Bulkhead(maxConcurrentCalls: 20, maxQueueLength: 50, queueTimeout: .milliseconds(100))
/// let report = try await bulkhead.execute { try await reports.render(id) }
/// ```
public final class Bulkhead<C: Clock>: ResilienceStrategy where C.Duration == Duration {
    @usableFromInline
    struct State {
        @usableFromInline var machine: BulkheadStateMachine
        @usableFromInline var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        @usableFromInline var nextID: UInt64 = 0

        @usableFromInline
        init(machine: BulkheadStateMachine) {
            self.machine = machine
        }
    }

    /// The longest a call waits in the queue; `nil` waits until a permit frees up (or the deadline passes).
    ///
    /// ```swift
    /// print(bulkhead.queueTimeout as Any)
    /// ```
    public let queueTimeout: Duration?
    @usableFromInline let clock: C
    @usableFromInline let state: Mutex<State>
    @usableFromInline let onRejection: (@Sendable (ResilienceError) -> Void)?

    /// Creates a bulkhead on `clock`. `onRejection` is called on the calling task whenever a call is turned away
    /// (``ResilienceError/bulkheadFull``, ``ResilienceError/bulkheadQueueTimeout``, or
    /// ``ResilienceError/deadlineExceeded`` while queued), including a `nil` from ``tryAcquire()``.
    ///
    /// ```swift
    /// let bulkhead = Bulkhead(maxConcurrentCalls: 2, maxQueueLength: 1, queueTimeout: .seconds(1), clock: clock)
    /// ```
    public init(
        maxConcurrentCalls: Int, maxQueueLength: Int = 0, queueTimeout: Duration? = nil, clock: C,
        onRejection: (@Sendable (ResilienceError) -> Void)? = nil
    ) {
        self.queueTimeout = queueTimeout
        self.clock = clock
        self.onRejection = onRejection
        self.state = Mutex(
            State(machine: BulkheadStateMachine(maxConcurrentCalls: maxConcurrentCalls, maxQueueLength: maxQueueLength)))
    }

    /// Permits held right now.
    ///
    /// ```swift
    /// gauge.record(bulkhead.inFlight)
    /// ```
    public var inFlight: Int { self.state.withLock { $0.machine.inFlight } }

    /// Calls waiting in the queue right now.
    ///
    /// ```swift
    /// gauge.record(bulkhead.queued)
    /// ```
    public var queued: Int { self.state.withLock { $0.machine.queued } }

    /// Runs `operation` holding a permit, waiting in the queue when configured.
    ///
    /// ```swift
    /// let value = try await bulkhead.execute { try await backend.call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        let acquired = self.state.withLock { $0.machine.tryAcquire() == .acquired }
        if !acquired { try await self.acquireSlow() }
        defer { self.releasePermit() }
        return try await operation()
    }

    /// Takes a permit without waiting, or returns `nil`.
    ///
    /// ```swift
    /// guard let permit = bulkhead.tryAcquire() else { return .busy }
    /// defer { permit.release() }
    /// ```
    public func tryAcquire() -> BulkheadPermit<C>? {
        let acquired = self.state.withLock { $0.machine.tryAcquire() == .acquired }
        guard acquired else {
            self.onRejection?(.bulkheadFull)
            return nil
        }
        return BulkheadPermit(bulkhead: self)
    }

    /// Takes a permit, waiting in the queue when configured. The permit is released exactly once: by
    /// ``BulkheadPermit/release()`` or when it goes out of scope.
    ///
    /// ```swift
    /// let permit = try await bulkhead.acquire()
    /// try await upload(file)
    /// permit.release()
    /// ```
    public func acquire() async throws -> BulkheadPermit<C> {
        let acquired = self.state.withLock { $0.machine.tryAcquire() == .acquired }
        if !acquired { try await self.acquireSlow() }
        return BulkheadPermit(bulkhead: self)
    }

    @usableFromInline
    func releasePermit() {
        let next: CheckedContinuation<Void, any Error>? = self.state.withLock { state in
            guard let id = state.machine.release() else { return nil }
            return state.waiters.removeValue(forKey: id)
        }
        next?.resume()
    }

    @usableFromInline
    func acquireSlow() async throws {
        guard let onRejection = self.onRejection else { return try await self.waitForPermit() }
        do {
            try await self.waitForPermit()
        } catch let error as ResilienceError {
            onRejection(error)
            throw error
        }
    }

    func waitForPermit() async throws {
        try Task.checkCancellation()
        var end: C.Instant?
        var error = ResilienceError.bulkheadQueueTimeout
        let now = self.clock.now
        if let timeout = self.queueTimeout { end = now.advanced(by: timeout) }
        if let deadline = Deadline.currentInstant(on: self.clock), end.map({ deadline < $0 }) ?? true {
            guard now < deadline else { throw ResilienceError.deadlineExceeded }
            end = deadline
            error = .deadlineExceeded
        }
        let id = self.state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        guard let end else {
            try await self.wait(id: id)
            return
        }
        let clock = self.clock
        let timeoutError = error
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await clock.sleep(until: end, tolerance: nil)
                self.expire(id: id, error: timeoutError)
            }
            defer { group.cancelAll() }
            try await self.wait(id: id)
        }
    }

    func wait(id: UInt64) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let result: BulkheadStateMachine.AcquireResult? = self.state.withLock { state in
                    if Task.isCancelled { return nil }
                    let result = state.machine.enqueue(id: id)
                    if result == .enqueued { state.waiters[id] = continuation }
                    return result
                }
                switch result {
                case nil: continuation.resume(throwing: CancellationError())
                case .acquired?: continuation.resume()
                case .rejected?: continuation.resume(throwing: ResilienceError.bulkheadFull)
                case .enqueued?: break
                }
            }
        } onCancel: {
            self.expire(id: id, error: CancellationError())
        }
    }

    func expire(id: UInt64, error: any Error) {
        let continuation: CheckedContinuation<Void, any Error>? = self.state.withLock { state in
            guard state.machine.cancel(id: id) else { return nil }
            return state.waiters.removeValue(forKey: id)
        }
        continuation?.resume(throwing: error)
    }
}

extension Bulkhead where C == ContinuousClock {
    /// Creates a bulkhead on the continuous clock.
    ///
    /// ```swift
    /// let bulkhead = Bulkhead(maxConcurrentCalls: 10, maxQueueLength: 100, queueTimeout: .milliseconds(50))
    /// ```
    public convenience init(
        maxConcurrentCalls: Int, maxQueueLength: Int = 0, queueTimeout: Duration? = nil,
        onRejection: (@Sendable (ResilienceError) -> Void)? = nil
    ) {
        self.init(
            maxConcurrentCalls: maxConcurrentCalls, maxQueueLength: maxQueueLength, queueTimeout: queueTimeout,
            clock: ContinuousClock(), onRejection: onRejection)
    }
}

/// A bulkhead permit. Non-copyable, so it is released exactly once: explicitly with ``release()`` or when it goes
/// out of scope.
///
/// ```swift
/// let permit = try await bulkhead.acquire()
/// defer { _ = consume permit }  // or: permit.release()
/// try await work()
/// ```
public struct BulkheadPermit<C: Clock>: ~Copyable, Sendable where C.Duration == Duration {
    @usableFromInline let bulkhead: Bulkhead<C>

    @usableFromInline
    init(bulkhead: Bulkhead<C>) {
        self.bulkhead = bulkhead
    }

    /// Gives the permit back (consumes it, so it cannot be released twice).
    ///
    /// ```swift
    /// permit.release()
    /// ```
    @inlinable
    public consuming func release() {}

    deinit {
        self.bulkhead.releasePermit()
    }
}
