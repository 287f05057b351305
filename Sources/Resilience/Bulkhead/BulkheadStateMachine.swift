/// The pure logic of a ``Bulkhead``: a concurrency count and a bounded FIFO queue of waiter ids. The shell keeps
/// the waiters' continuations and performs the returned actions.
///
/// ```swift
/// var machine = BulkheadStateMachine(maxConcurrentCalls: 2, maxQueueLength: 1)
/// if case .acquired = machine.tryAcquire() { … }
/// ```
public struct BulkheadStateMachine: Hashable, Sendable {
    /// The answer to an acquisition attempt.
    ///
    /// ```swift
    /// switch machine.enqueue(id: 7) { case .acquired: …; case .enqueued: …; case .rejected: … }
    /// ```
    public enum AcquireResult: Hashable, Sendable {
        /// A permit was taken.
        ///
        /// ```swift
        /// if case .acquired = result { run() }
        /// ```
        case acquired
        /// The waiter was queued; it will be handed a permit by ``BulkheadStateMachine/release()``.
        ///
        /// ```swift
        /// if case .enqueued = result { await handOver() }
        /// ```
        case enqueued
        /// No permit and no room in the queue.
        ///
        /// ```swift
        /// if case .rejected = result { throw ResilienceError.bulkheadFull }
        /// ```
        case rejected
    }

    /// The concurrency limit.
    ///
    /// ```swift
    /// print(machine.maxConcurrentCalls)
    /// ```
    public let maxConcurrentCalls: Int
    /// The queue capacity (0: no queue).
    ///
    /// ```swift
    /// print(machine.maxQueueLength)
    /// ```
    public let maxQueueLength: Int
    /// Permits held.
    ///
    /// ```swift
    /// print(machine.inFlight)
    /// ```
    public var inFlight: Int { self.holders }
    @usableFromInline var holders = 0
    @usableFromInline var queue: [UInt64] = []
    @usableFromInline var queueHead = 0

    /// Creates an idle bulkhead.
    ///
    /// ```swift
    /// let machine = BulkheadStateMachine(maxConcurrentCalls: 10, maxQueueLength: 20)
    /// ```
    public init(maxConcurrentCalls: Int, maxQueueLength: Int = 0) {
        self.maxConcurrentCalls = max(1, maxConcurrentCalls)
        self.maxQueueLength = max(0, maxQueueLength)
    }

    /// Waiters in the queue.
    ///
    /// ```swift
    /// print(machine.queued)
    /// ```
    public var queued: Int { self.queue.count - self.queueHead }

    /// Takes a permit if one is free and nobody is queued (FIFO fairness).
    ///
    /// ```swift
    /// let result = machine.tryAcquire()
    /// ```
    @inlinable
    public mutating func tryAcquire() -> AcquireResult {
        guard self.holders < self.maxConcurrentCalls, self.queue.count == self.queueHead else { return .rejected }
        self.holders += 1
        return .acquired
    }

    /// Takes a permit, or queues `id` when the queue has room.
    ///
    /// ```swift
    /// let result = machine.enqueue(id: nextID)
    /// ```
    public mutating func enqueue(id: UInt64) -> AcquireResult {
        if case .acquired = self.tryAcquire() { return .acquired }
        guard self.queued < self.maxQueueLength else { return .rejected }
        self.queue.append(id)
        return .enqueued
    }

    /// Removes a queued waiter (timeout or cancellation); `false` when it is no longer queued (already handed a
    /// permit).
    ///
    /// ```swift
    /// if machine.cancel(id: id) { resume(throwing: ResilienceError.bulkheadQueueTimeout) }
    /// ```
    public mutating func cancel(id: UInt64) -> Bool {
        guard let index = self.queue[self.queueHead...].firstIndex(of: id) else { return false }
        self.queue.remove(at: index)
        self.compact()
        return true
    }

    /// Gives a permit back. Returns the queued waiter that now holds it, if any (the permit is handed over, so
    /// `inFlight` does not change).
    ///
    /// ```swift
    /// if let next = machine.release() { resume(next) }
    /// ```
    @inlinable
    public mutating func release() -> UInt64? {
        guard self.queueHead < self.queue.count else {
            precondition(self.holders > 0, "Bulkhead permit released more often than acquired")
            self.holders -= 1
            return nil
        }
        let next = self.queue[self.queueHead]
        self.queueHead += 1
        self.compact()
        return next
    }

    @usableFromInline
    mutating func compact() {
        if self.queueHead == self.queue.count {
            self.queue.removeAll(keepingCapacity: true)
            self.queueHead = 0
        } else if self.queueHead > 32 && self.queueHead * 2 > self.queue.count {
            self.queue.removeFirst(self.queueHead)
            self.queueHead = 0
        }
    }
}
