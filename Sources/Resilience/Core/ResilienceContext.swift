/// What one strategy of a pipeline hands to the next: the effective ``Deadline`` and, while no strategy has
/// suspended since it was taken, one reading of the clock.
///
/// A ``ResiliencePipeline`` reads ``Deadline/current`` once on entry and binds the tightest deadline once, just
/// before the operation runs; in between, timeouts, retries, rate limiters and breakers read and tighten the
/// deadline in the context instead of binding a task-local value each, and strategies on the same clock reuse one
/// clock reading instead of reading the clock each. A strategy drops the reading once it may have waited (a retry's
/// next attempt, a rate limiter's reserved permit). Strategies that do not implement
/// ``ResilienceStrategy/execute(in:isolation:_:)`` get the deadline bound before they run, so they see
/// ``Deadline/current`` exactly as outside a pipeline. Callbacks that the library's strategies call themselves
/// (`onRetry`, `onCall`, `isFailure`, `onRejection`, state-change handlers) run outside that binding: there
/// ``Deadline/current`` is the deadline the pipeline was called with, not a tighter one set by a timeout of the
/// same pipeline.
///
/// ```swift
/// struct Logging: ResilienceStrategy {
///     func execute<Success>(
///         isolation: isolated (any Actor)? = #isolation, _ operation: () async throws -> Success
///     ) async throws -> Success {
///         try await operation()
///     }
///     func execute<Success>(
///         in context: ResilienceContext, isolation: isolated (any Actor)?,
///         _ next: (ResilienceContext) async throws -> Success
///     ) async throws -> Success {
///         print("deadline:", context.deadline as Any)
///         return try await next(context)
///     }
/// }
/// ```
public struct ResilienceContext: Sendable {
    // Plain words only (no reference), so handing the context from stage to stage is a copy of a few registers.
    /// The instant type of the deadline, when it is of a duration-backed instant (see `FastClock`).
    @usableFromInline var deadlineType: ObjectIdentifier?
    /// That deadline's instant.
    @usableFromInline var deadlineValue: Duration
    /// The deadline is of another instant type; it is then always the task's ``Deadline/current``.
    @usableFromInline var deadlineIsBoxed: Bool
    /// Whether the deadline is already the task's ``Deadline/current`` (else it is bound before the operation).
    @usableFromInline var deadlineIsBound: Bool
    /// The clock (see `FastClock.identity(of:)`) whose reading ``readingValue`` is, if any.
    @usableFromInline var readingClock: ObjectIdentifier?
    /// The shared clock reading, as the duration-backed instant's value.
    @usableFromInline var readingValue: Duration

    /// The effective deadline of the call at this point of the pipeline (the tightest so far), if any.
    ///
    /// ```swift
    /// let left = context.deadline?.remaining(on: ContinuousClock())
    /// ```
    public var deadline: Deadline? {
        if self.deadlineIsBoxed { return Deadline.current }
        guard let type = self.deadlineType else { return nil }
        return Deadline(inlineType: type, value: self.deadlineValue)
    }

    /// The context on entry to a pipeline: the task's current deadline, already bound; no clock reading.
    ///
    /// ```swift
    /// let value = try await strategy.execute(in: .current, isolation: #isolation) { context in
    ///     try await context.run(isolation: #isolation) { try await call() }
    /// }
    /// ```
    @inlinable
    public static var current: ResilienceContext {
        var context = ResilienceContext()
        if let deadline = Deadline.current {
            if deadline.boxed != nil {
                context.deadlineIsBoxed = true
            } else {
                context.deadlineType = deadline.inlineType
                context.deadlineValue = deadline.inlineValue
            }
        }
        return context
    }

    /// No deadline, no clock reading.
    @inlinable
    init() {
        self.deadlineType = nil
        self.deadlineValue = .zero
        self.deadlineIsBoxed = false
        self.deadlineIsBound = true
        self.readingClock = nil
        self.readingValue = .zero
    }

    /// `clock.now`, shared: the context's reading when it is one of `clock`, else a new reading (kept in the
    /// context for the strategies after this one).
    @inlinable @inline(__always)
    mutating func now<C: Clock>(_ clock: C) -> C.Instant {
        if FastClock.isDurationBacked(C.Instant.self) {
            return unsafeBitCast(self.nowValue(clock), to: C.Instant.self)
        }
        return FastClock.now(clock)
    }

    /// ``now(_:)`` as the instant's `Duration` value; only for duration-backed instants (see `FastClock`).
    @inlinable @inline(__always)
    mutating func nowValue<C: Clock>(_ clock: C) -> Duration {
        let identity = FastClock.identity(of: clock)
        if identity != nil, self.readingClock == identity { return self.readingValue }
        let now = FastClock.nowValue(clock)
        self.readingClock = identity
        self.readingValue = now
        return now
    }

    /// The same context without its clock reading: for what runs after a possible suspension.
    @inlinable
    var withoutReading: ResilienceContext {
        var context = self
        context.readingClock = nil
        return context
    }

    /// The deadline as an instant of `clock`, or `nil` when there is none on `clock`'s type.
    @inlinable
    func deadlineInstant<C: Clock>(on clock: C) -> C.Instant? {
        if FastClock.isDurationBacked(C.Instant.self) {
            guard self.deadlineType == ObjectIdentifier(C.Instant.self) else { return nil }
            return unsafeBitCast(self.deadlineValue, to: C.Instant.self)
        }
        return self.deadlineIsBoxed ? Deadline.currentInstant(on: clock) : nil
    }

    /// Makes `value`, an instant of the duration-backed instant type `type`, the deadline (bound before the
    /// operation runs).
    @inlinable
    mutating func setDeadline(type: ObjectIdentifier, value: Duration) {
        self.deadlineType = type
        self.deadlineValue = value
        self.deadlineIsBoxed = false
        self.deadlineIsBound = false
    }

    /// Runs `operation` (the pipeline's operation, or a strategy that does not know the context) with the
    /// context's deadline as the task's ``Deadline/current``: bound here when a strategy of the pipeline tightened
    /// it, else already current.
    ///
    /// ```swift
    /// try await context.run(isolation: #isolation) { try await call() }
    /// ```
    @inlinable @inline(__always)
    public func run<Success>(
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if self.deadlineIsBound { return try await operation() }
        return try await Deadline.storage.withValue(
            Deadline(inlineType: self.deadlineType!, value: self.deadlineValue), operation: operation,
            isolation: isolation)
    }

    /// Runs `strategy` the way it runs outside a pipeline, with the context's deadline bound; `next` gets the
    /// context as the strategy left it (its ``Deadline/current``, no clock reading).
    @inlinable
    func run<Strategy: ResilienceStrategy, Success>(
        _ strategy: Strategy,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        try await self.run(isolation: isolation) {
            try await strategy.execute(isolation: isolation) { try await next(.current) }
        }
    }
}

extension ResilienceStrategy {
    /// Runs `next` under this strategy as one stage of a pipeline. This default makes the context's deadline the
    /// task's ``Deadline/current`` and runs ``execute(isolation:_:)``; what it runs starts from the task's deadline
    /// as the strategy left it, without a clock reading.
    ///
    /// ```swift
    /// let value = try await strategy.execute(in: .current, isolation: #isolation) { context in
    ///     try await context.run(isolation: #isolation) { 42 }
    /// }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        try await context.run(self, isolation: isolation, next)
    }
}
