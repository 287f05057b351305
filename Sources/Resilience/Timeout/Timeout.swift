/// Bounds an operation in time and propagates the bound as the task's ``Deadline``.
///
/// The effective deadline is `now + duration` or the inherited ``Deadline/current``, whichever is earlier; nested
/// strategies and the operation see it through ``Deadline/current``. Work whose inherited deadline has already
/// passed is not started (``ResilienceError/deadlineExceeded``).
///
/// In ``Mode/cancelling`` mode (the default) the operation runs in a child task raced against a timer; when the
/// timer wins the operation is cancelled and ``ResilienceError/timedOut`` (own duration) or
/// ``ResilienceError/deadlineExceeded`` (inherited deadline) is thrown once the operation has returned (structured
/// concurrency: the operation must honour cancellation for the timeout to be prompt). The child tasks allocate.
/// In ``Mode/deadlineOnly`` mode nothing is raced: the deadline is only propagated (no allocation), and the operation
/// is expected to check it.
///
/// ```swift
/// let timeout = Timeout(.milliseconds(300))
/// let stock = try await timeout.execute { try await inventory.stock(sku) }
/// ```
public struct Timeout<C: Clock>: ResilienceStrategy where C.Duration == Duration {
    /// How the timeout is enforced.
    ///
    /// ```swift
    /// let cooperative = Timeout(.seconds(1), mode: .deadlineOnly)
    /// ```
    public enum Mode: Hashable, Sendable {
        /// Race the operation against a timer and cancel it when the time is up (allocates child tasks).
        ///
        /// ```swift
        /// Timeout(.seconds(1), mode: .cancelling)
        /// ```
        case cancelling
        /// Only set the ``Deadline`` for nested work; never cancel (no allocation).
        ///
        /// ```swift
        /// Timeout(.seconds(1), mode: .deadlineOnly)
        /// ```
        case deadlineOnly
    }

    /// The longest the operation may take.
    ///
    /// ```swift
    /// print(timeout.duration)
    /// ```
    public let duration: Duration
    /// How the timeout is enforced.
    ///
    /// ```swift
    /// print(timeout.mode)
    /// ```
    public let mode: Mode
    @usableFromInline let clock: C

    /// Creates a timeout on `clock`.
    ///
    /// ```swift
    /// let timeout = Timeout(.milliseconds(250), clock: manualClock)
    /// ```
    public init(_ duration: Duration, mode: Mode = .cancelling, clock: C) {
        self.duration = duration
        self.mode = mode
        self.clock = clock
    }

    /// Runs `operation` within the timeout.
    ///
    /// ```swift
    /// let value = try await timeout.execute { try await backend.fetch() }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        // The deadline is worked out synchronously: no clock instant (a resilient type for the standard clocks)
        // lives in this async frame, so the deadline-only path costs one clock read and one task-local binding.
        let (deadline, inherited) = try self.deadline()
        switch self.mode {
        case .deadlineOnly:
            // An inherited deadline that is at least as tight is already the current one: nothing to bind.
            if inherited { return try await operation() }
            return try await Deadline.storage.withValue(deadline, operation: operation, isolation: isolation)
        case .cancelling:
            return try await self.executeCancelling(deadline, inherited: inherited, isolation: isolation, operation)
        }
    }

    /// Runs `next` within the timeout as a stage of a pipeline: the deadline is tightened in the context (bound
    /// once, before the operation) in deadline-only mode, and bound here in cancelling mode.
    ///
    /// ```swift
    /// let value = try await timeout.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        // A deadline of a clock whose instants are not a bare `Duration` is boxed: bound as outside a pipeline.
        guard FastClock.isDurationBacked(C.Instant.self) else {
            return try await context.run(self, isolation: isolation, next)
        }
        var inner = context
        let inherited = try self.tighten(&inner)
        switch self.mode {
        case .deadlineOnly:
            return try await next(inner)
        case .cancelling:
            let deadline = Deadline(inlineType: inner.deadlineType!, value: inner.deadlineValue)
            var bound = inner.withoutReading
            bound.deadlineIsBound = true
            return try await self.executeCancelling(deadline, inherited: inherited, isolation: isolation) {
                try await next(bound)
            }
        }
    }

    @inlinable @inline(never)
    func executeCancelling<Success>(
        _ deadline: Deadline,
        inherited: Bool,
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await Deadline.storage.withValue(
            deadline,
            operation: {
                try await self.race(operation, until: deadline, inherited: inherited, isolation: isolation)
            },
            isolation: isolation)
    }

    /// The effective deadline (own duration from now, or the inherited one when it is at least as tight) and
    /// whether it is the inherited one. Throws ``ResilienceError/deadlineExceeded`` when the inherited deadline has
    /// passed.
    @inlinable @inline(never)
    func deadline() throws(ResilienceError) -> (Deadline, inherited: Bool) {
        let now = FastClock.now(self.clock)
        if let outer = Deadline.currentInstant(on: self.clock) {
            guard FastClock.isBefore(now, outer) else { throw ResilienceError.deadlineExceeded }
            let end = FastClock.advance(now, by: self.duration)
            if !FastClock.isBefore(end, outer) { return (Deadline(outer), true) }
            return (Deadline(end), false)
        }
        return (Deadline(FastClock.advance(now, by: self.duration)), false)
    }

    /// Sets the context's deadline to the effective one (own duration from now, or the context's when it is at
    /// least as tight) and returns whether it is the inherited one; only for duration-backed instants. Throws
    /// ``ResilienceError/deadlineExceeded`` when the inherited deadline has passed. Synchronous, and on the
    /// instants' `Duration` values, so no clock instant lives in an async frame.
    @inlinable @inline(never)
    func tighten(_ context: inout ResilienceContext) throws(ResilienceError) -> Bool {
        let type = ObjectIdentifier(C.Instant.self)
        let now = context.nowValue(self.clock).attoseconds
        let end = now + self.duration.attoseconds
        if context.deadlineType == type {
            let outer = context.deadlineValue.attoseconds
            guard now < outer else { throw ResilienceError.deadlineExceeded }
            if end >= outer { return true }
        }
        context.setDeadline(type: type, value: Duration(attoseconds: end))
        return false
    }

    @usableFromInline
    func race<Success>(
        _ operation: () async throws -> Success,
        until deadline: Deadline,
        inherited: Bool,
        isolation: isolated (any Actor)?
    ) async throws -> Success {
        let clock = self.clock
        let end = deadline.instant(on: clock)!
        return try await withoutActuallyEscaping(operation) { escapable in
            let transfer = UnsafeTransfer(escapable)
            let result = try await withThrowingTaskGroup(
                of: UnsafeTransfer<Success>?.self, returning: UnsafeTransfer<Success>.self, isolation: isolation
            ) { group in
                group.addTask {
                    UnsafeTransfer(try await transfer.value())
                }
                group.addTask {
                    try await clock.sleep(until: end, tolerance: nil)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw inherited ? ResilienceError.deadlineExceeded : ResilienceError.timedOut
                }
                return value
            }
            return result.value
        }
    }
}

extension Timeout where C == ContinuousClock {
    /// Creates a timeout on the continuous clock.
    ///
    /// ```swift
    /// let timeout = Timeout(.seconds(2))
    /// ```
    public init(_ duration: Duration, mode: Mode = .cancelling) {
        self.init(duration, mode: mode, clock: ContinuousClock())
    }
}
