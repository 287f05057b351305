/// The instant by which the current task's work must finish, propagated to nested calls through a task-local value.
///
/// ``Timeout`` sets it; nested timeouts, retries, bulkhead queues and rate-limiter waits read it, and the tighter
/// deadline always wins. Work whose deadline has already passed is not started: it throws
/// ``ResilienceError/deadlineExceeded``.
///
/// A deadline is an instant of one clock type. Strategies compare it with their own clock's instants, so a deadline
/// set on `ContinuousClock` is seen by every strategy using `ContinuousClock` (and one set on a ``ManualClock`` by
/// strategies using that clock in tests); strategies on another clock type ignore it.
///
/// ```swift
/// try await Deadline.withDeadline(in: .seconds(2)) {
///     let remaining = Deadline.current?.remaining(on: ContinuousClock())  // ≤ 2 s
///     try await pipeline.execute { try await backend.call(timeout: remaining) }
/// }
/// ```
public struct Deadline: Sendable, CustomStringConvertible {
    @usableFromInline
    static let storage = TaskLocal<Deadline?>(wrappedValue: nil)

    /// The deadline of the current task, or `nil` when none was set.
    ///
    /// ```swift
    /// if let deadline = Deadline.current, deadline.hasPassed(on: ContinuousClock()) { return }
    /// ```
    @inlinable
    public static var current: Deadline? { Self.storage.get() }

    /// The instant, for the duration-backed instants stored inline (see `FastClock`). A `Duration` rather than an
    /// `Int128` keeps the struct 8-byte aligned, and with the class box below the whole value is copied, bound and
    /// read as plain words plus one optional reference (no existential, so no value-witness calls).
    @usableFromInline let inlineValue: Duration
    /// The instant type, for the duration-backed instants stored inline; `nil` otherwise.
    @usableFromInline let inlineType: ObjectIdentifier?
    /// The instant, for any other instant type.
    @usableFromInline let boxed: Box?

    /// Holds an instant of a clock whose instants are not a bare `Duration`.
    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let instant: any InstantProtocol

        @usableFromInline
        init(_ instant: any InstantProtocol) {
            self.instant = instant
        }
    }

    /// The instant in attoseconds when stored inline.
    @inlinable
    var inlineAttoseconds: Int128 { self.inlineValue.attoseconds }

    /// The deadline's instant, of whichever clock type set it.
    ///
    /// ```swift
    /// print(Deadline.current?.instant as Any)
    /// ```
    public var instant: any InstantProtocol {
        if let boxed = self.boxed { return boxed.instant }
        return Self.inlineInstant(type: self.inlineType, attoseconds: self.inlineAttoseconds)
    }

    /// Creates a deadline at `instant`.
    ///
    /// ```swift
    /// let deadline = Deadline(ContinuousClock.now.advanced(by: .seconds(1)))
    /// ```
    @inlinable
    public init<Instant: InstantProtocol>(_ instant: Instant) {
        // The instants of the standard clocks and of ManualClock are kept as plain bits, so that binding, copying
        // and reading a deadline on the hot path needs no existential box and no dynamic cast.
        if FastClock.isDurationBacked(Instant.self) {
            self.inlineType = ObjectIdentifier(Instant.self)
            self.inlineValue = unsafeBitCast(instant, to: Duration.self)
            self.boxed = nil
        } else {
            self.inlineType = nil
            self.inlineValue = .zero
            self.boxed = Box(instant)
        }
    }

    /// A deadline stored inline: `value` is an instant of the duration-backed instant type `inlineType`.
    @inlinable
    init(inlineType: ObjectIdentifier, value: Duration) {
        self.inlineType = inlineType
        self.inlineValue = value
        self.boxed = nil
    }

    /// The deadline as an instant of `clock`, or `nil` when it was set on another clock type.
    ///
    /// ```swift
    /// let end: ContinuousClock.Instant? = deadline.instant(on: ContinuousClock())
    /// ```
    @inlinable
    public func instant<C: Clock>(on clock: C) -> C.Instant? {
        if FastClock.isDurationBacked(C.Instant.self) {
            guard self.inlineType == ObjectIdentifier(C.Instant.self) else { return nil }
            return unsafeBitCast(self.inlineValue, to: C.Instant.self)
        }
        return self.boxed?.instant as? C.Instant
    }

    static func inlineInstant(type: ObjectIdentifier?, attoseconds: Int128) -> any InstantProtocol {
        switch type {
        case ObjectIdentifier(SuspendingClock.Instant.self):
            FastClock.instant(attoseconds: attoseconds, as: SuspendingClock.Instant.self)
        case ObjectIdentifier(ManualClock.Instant.self):
            FastClock.instant(attoseconds: attoseconds, as: ManualClock.Instant.self)
        default:
            FastClock.instant(attoseconds: attoseconds, as: ContinuousClock.Instant.self)
        }
    }

    /// The time left until the deadline on `clock` (negative once passed), or `nil` for another clock type.
    ///
    /// ```swift
    /// let left = Deadline.current?.remaining(on: clock)
    /// ```
    @inlinable
    public func remaining<C: Clock>(on clock: C) -> C.Duration? {
        guard let end = self.instant(on: clock) else { return nil }
        return FastClock.now(clock).duration(to: end)
    }

    /// Whether the deadline has passed on `clock` (`false` for another clock type).
    ///
    /// ```swift
    /// if deadline.hasPassed(on: clock) { throw ResilienceError.deadlineExceeded }
    /// ```
    @inlinable
    public func hasPassed<C: Clock>(on clock: C) -> Bool {
        guard let end = self.instant(on: clock) else { return false }
        return !FastClock.isBefore(FastClock.now(clock), end)
    }

    /// A readable form of the instant.
    ///
    /// ```swift
    /// print(Deadline.current ?? "none")
    /// ```
    public var description: String { "Deadline(\(self.instant))" }

    /// The current deadline as an instant of `clock`, or `nil` when none is set for that clock type.
    ///
    /// ```swift
    /// let end = Deadline.currentInstant(on: clock)
    /// ```
    @inlinable
    public static func currentInstant<C: Clock>(on clock: C) -> C.Instant? {
        Self.storage.get()?.instant(on: clock)
    }

    /// Throws ``ResilienceError/deadlineExceeded`` when the current deadline (on `clock`'s type) has passed.
    ///
    /// ```swift
    /// try Deadline.checkNotPassed(on: clock)
    /// let rows = try await database.query(sql)
    /// ```
    @inlinable
    public static func checkNotPassed<C: Clock>(on clock: C) throws(ResilienceError) {
        if let end = Self.currentInstant(on: clock), !FastClock.isBefore(FastClock.now(clock), end) {
            throw ResilienceError.deadlineExceeded
        }
    }

    /// Runs `body` with the deadline `instant` on `clock`'s type, or the current one when that is tighter. Throws
    /// ``ResilienceError/deadlineExceeded`` without running `body` when the resulting deadline has already passed.
    ///
    /// ```swift
    /// let clock = ContinuousClock()
    /// try await Deadline.withDeadline(clock.now.advanced(by: .milliseconds(300)), clock: clock) {
    ///     try await handle(request)
    /// }
    /// ```
    @inlinable
    public static func withDeadline<C: Clock, Result>(
        _ instant: C.Instant,
        clock: C,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async throws -> Result {
        var end = instant
        if let inherited = Self.currentInstant(on: clock), inherited < end { end = inherited }
        guard clock.now < end else { throw ResilienceError.deadlineExceeded }
        return try await Self.storage.withValue(Deadline(end), operation: body, isolation: isolation)
    }

    /// Runs `body` with a deadline `duration` from now on `clock` (a continuous clock by default), or the current
    /// deadline when that is tighter. Throws ``ResilienceError/deadlineExceeded`` without running `body` when the
    /// resulting deadline has already passed.
    ///
    /// ```swift
    /// try await Deadline.withDeadline(in: .seconds(2)) {
    ///     try await checkout(cart)
    /// }
    /// ```
    @inlinable
    public static func withDeadline<C: Clock, Result>(
        in duration: C.Duration,
        clock: C = ContinuousClock(),
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await Self.withDeadline(clock.now.advanced(by: duration), clock: clock, isolation: isolation, body)
    }
}
