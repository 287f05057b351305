import Synchronization

/// Server-side admission control: criticality classes share an adaptive concurrency limit, excess requests wait in
/// a CoDel-managed queue served FIFO (LIFO under congestion), and the least important traffic is shed first.
///
/// ```swift
/// let shedder = LoadShedder(configuration: .init(algorithm: .gradient(.init(initialLimit: 50))))
/// let criticality = Criticality(headerValue: request.headers[Criticality.headerName] ?? "") ?? .default
/// let response = try await shedder.execute(criticality: criticality) { try await handle(request) }
/// ```
public final class LoadShedder<C: Clock>: Sendable where C.Duration == Duration {
    private struct State: ~Copyable {
        var machine: AdmissionStateMachine<C.Instant>
        var nextID: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
    }

    private struct Waiter {
        var continuation: CheckedContinuation<Int, any Error>
        var timer: Task<Void, Never>?
    }

    /// The clock that measures queueing delay and latency.
    public let clock: C
    private let state: Mutex<State>
    private let onLimitChange: (@Sendable (Int) -> Void)?
    private let onRejection: (@Sendable (Criticality, AdaptiveResilienceError) -> Void)?

    /// Creates a load shedder. `onLimitChange` is called with the new concurrency limit whenever a completed
    /// request changes it; `onRejection` is called on the rejected request's task with its criticality and the
    /// error it is about to throw (``AdaptiveResilienceError/shed``, ``AdaptiveResilienceError/queueFull`` or
    /// ``AdaptiveResilienceError/queueTimeout``). Both run outside the shedder's lock.
    ///
    /// ```swift
    /// let shedder = LoadShedder(configuration: .init(algorithm: .fixed(64)), clock: manualClock)
    /// ```
    public init(
        configuration: AdmissionStateMachine<C.Instant>.Configuration, clock: C,
        onLimitChange: (@Sendable (Int) -> Void)? = nil,
        onRejection: (@Sendable (Criticality, AdaptiveResilienceError) -> Void)? = nil
    ) {
        self.clock = clock
        self.state = Mutex(State(machine: AdmissionStateMachine(configuration: configuration)))
        self.onLimitChange = onLimitChange
        self.onRejection = onRejection
    }

    /// The current concurrency limit.
    ///
    /// ```swift
    /// gauge.record(shedder.limit)
    /// ```
    public var limit: Int { self.state.withLock { $0.machine.limit } }

    /// Requests running.
    ///
    /// ```swift
    /// let busy = shedder.inFlight
    /// ```
    public var inFlight: Int { self.state.withLock { $0.machine.inFlight } }

    /// Requests waiting.
    ///
    /// ```swift
    /// let waiting = shedder.queueLength
    /// ```
    public var queueLength: Int { self.state.withLock { $0.machine.queueLength } }

    /// Whether the queue is currently served newest-first.
    ///
    /// ```swift
    /// if shedder.isLIFO { log("congested") }
    /// ```
    public var isLIFO: Bool { self.state.withLock { $0.machine.isLIFO } }

    /// Waits for admission and returns a permit; throws ``AdaptiveResilienceError/shed``,
    /// ``AdaptiveResilienceError/queueFull``, ``AdaptiveResilienceError/queueTimeout`` or `CancellationError`.
    ///
    /// ```swift
    /// let permit = try await shedder.admit(.sheddable)
    /// defer { permit.success() }
    /// ```
    public func admit(_ criticality: Criticality) async throws -> LoadShedderPermit<C> {
        let now = self.clock.now
        if let inFlight = self.state.withLock({ $0.machine.tryAdmit(criticality: criticality, now: now) }) {
            return LoadShedderPermit(shedder: self, start: now, inFlightAtStart: inFlight)
        }
        let id = self.state.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        let inFlight: Int
        do {
            inFlight = try await self.wait(id: id, criticality: criticality)
        } catch let error as AdaptiveResilienceError {
            self.onRejection?(criticality, error)
            throw error
        }
        return LoadShedderPermit(shedder: self, start: self.clock.now, inFlightAtStart: inFlight)
    }

    private func wait(id: UInt64, criticality: Criticality) async throws -> Int {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                self.arrive(id: id, criticality: criticality, continuation: continuation)
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> Waiter? in
                guard state.machine.cancel(id: id) else { return nil }
                return state.waiters.removeValue(forKey: id)
            }
            waiter?.timer?.cancel()
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Runs `operation` once admitted; a returned value reports success, an error reports `outcome(error)`
    /// (by default ``AdaptiveConcurrencyStateMachine/Outcome/classify(_:)``: timeouts and overload are drops).
    ///
    /// ```swift
    /// let page = try await shedder.execute(criticality: .critical) { try await render() }
    /// ```
    public func execute<T>(
        isolation: isolated (any Actor)? = #isolation,
        criticality: Criticality,
        outcome: (any Error) -> AdaptiveConcurrencyStateMachine<C.Instant>.Outcome = AdaptiveConcurrencyStateMachine<
            C.Instant
        >.Outcome.classify,
        _ operation: () async throws -> T
    ) async throws -> T {
        let permit = try await self.admit(criticality)
        do {
            let value = try await operation()
            permit.success()
            return value
        } catch {
            permit.finish(outcome(error))
            throw error
        }
    }

    private func arrive(id: UInt64, criticality: Criticality, continuation: CheckedContinuation<Int, any Error>) {
        let now = self.clock.now
        let (action, evicted) = self.state.withLock {
            state -> (AdmissionStateMachine<C.Instant>.ArrivalAction?, [Waiter]) in
            if Task.isCancelled { return (nil, []) }
            let action = state.machine.arrive(id: id, criticality: criticality, now: now)
            var evicted: [Waiter] = []
            if case .enqueued(_, let ids) = action {
                state.waiters[id] = Waiter(continuation: continuation, timer: nil)
                evicted = ids.compactMap { state.waiters.removeValue(forKey: $0) }
            }
            return (action, evicted)
        }
        for waiter in evicted {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: AdaptiveResilienceError.shed)
        }
        switch action {
        case nil:
            continuation.resume(throwing: CancellationError())
        case .admitted(let inFlight):
            continuation.resume(returning: inFlight)
        case .rejected(let error):
            continuation.resume(throwing: error)
        case .enqueued(let timeout, _):
            let timer = Task { [clock] in
                do {
                    try await clock.sleep(for: timeout)
                } catch {
                    return
                }
                self.expire(id: id)
            }
            let stillWaiting = self.state.withLock { state in
                guard state.waiters[id] != nil else { return false }
                state.waiters[id]?.timer = timer
                return true
            }
            if !stillWaiting { timer.cancel() }
        }
    }

    private func expire(id: UInt64) {
        let waiter = self.state.withLock { state -> Waiter? in
            guard state.machine.expire(id: id) else { return nil }
            return state.waiters.removeValue(forKey: id)
        }
        waiter?.continuation.resume(throwing: AdaptiveResilienceError.queueTimeout)
    }

    func complete(
        _ outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome, start: C.Instant, inFlightAtStart: Int
    ) {
        let now = self.clock.now
        let rtt = start.duration(to: now)
        let (admitted, dropped, limits) = self.state.withLock { state -> ([(Waiter, Int)], [Waiter], (Int, Int)) in
            let before = state.machine.limit
            let drained = state.machine.complete(outcome, rtt: rtt, inFlightAtStart: inFlightAtStart, now: now)
            let admitted = drained.admitted.compactMap { entry in
                state.waiters.removeValue(forKey: entry.id).map { ($0, entry.inFlight) }
            }
            let dropped = drained.dropped.compactMap { state.waiters.removeValue(forKey: $0) }
            return (admitted, dropped, (before, state.machine.limit))
        }
        if limits.0 != limits.1 { self.onLimitChange?(limits.1) }
        for waiter in dropped {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: AdaptiveResilienceError.queueTimeout)
        }
        for (waiter, inFlight) in admitted {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: inFlight)
        }
    }
}

extension LoadShedder where C == ContinuousClock {
    /// Creates a load shedder on the continuous clock.
    ///
    /// ```swift
    /// let shedder = LoadShedder(configuration: .init())
    /// ```
    public convenience init(
        configuration: AdmissionStateMachine<C.Instant>.Configuration = .init(),
        onLimitChange: (@Sendable (Int) -> Void)? = nil,
        onRejection: (@Sendable (Criticality, AdaptiveResilienceError) -> Void)? = nil
    ) {
        self.init(
            configuration: configuration, clock: ContinuousClock(), onLimitChange: onLimitChange,
            onRejection: onRejection)
    }
}
