/// Admission control with criticality classes, an adaptive concurrency limit, CoDel queue timeouts and adaptive
/// LIFO, as pure state.
///
/// - A request is admitted at once when its class's share of the limit (``CriticalityShares``) has room and no
///   request of the same or a higher class is waiting.
/// - Otherwise it waits in a bounded queue; when the queue is full, a waiting request of a lower class is evicted
///   (shed) to make room, or the new request is rejected.
/// - When a slot frees up, the most important waiting class that fits is served. Within a class the queue is FIFO
///   normally and LIFO while congested (CoDel reports overload, or at least `lifoThreshold` requests wait), so the
///   newest requests — whose callers are still waiting — are served first ("Fail at Scale").
/// - Waiting requests get CoDel's queue timeout (short while overloaded), and CoDel drops requests that waited too
///   long while overloaded.
/// - Completed requests feed the concurrency limit (gradient, AIMD or fixed).
///
/// ```swift
/// var admission = AdmissionStateMachine<ContinuousClock.Instant>(configuration: .init(algorithm: .fixed(10)))
/// switch admission.arrive(id: 1, criticality: .sheddable, now: now) {
/// case .admitted(let inFlight): run(inFlight)
/// case .enqueued(let timeout, let evicted): wait(timeout); shed(evicted)
/// case .rejected(let error): fail(error)
/// }
/// ```
public struct AdmissionStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// A waiting request's identifier, chosen by the caller.
    ///
    /// ```swift
    /// let id: AdmissionStateMachine<ContinuousClock.Instant>.ID = 42
    /// ```
    public typealias ID = UInt64

    /// Admission settings.
    ///
    /// ```swift
    /// let configuration = AdmissionStateMachine<ContinuousClock.Instant>.Configuration(
    ///     algorithm: .gradient(.init(initialLimit: 50)), maxQueueLength: 200, lifoThreshold: 20)
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// How the concurrency limit is set.
        public var algorithm: ConcurrencyLimitAlgorithm
        /// How RTT samples are batched for the limit.
        public var window: ConcurrencySampleWindow
        /// Each class's share of the limit.
        public var shares: CriticalityShares
        /// Most requests that may wait; 0 disables queueing.
        public var maxQueueLength: Int
        /// CoDel target and interval.
        public var codel: CoDelStateMachine<Instant>.Configuration
        /// Switch to LIFO when at least this many requests wait (CoDel overload always switches); `nil` = only CoDel.
        public var lifoThreshold: Int?

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = AdmissionStateMachine<ContinuousClock.Instant>.Configuration(algorithm: .fixed(32))
        /// ```
        public init(
            algorithm: ConcurrencyLimitAlgorithm = .gradient(.init()),
            window: ConcurrencySampleWindow = .init(),
            shares: CriticalityShares = .init(),
            maxQueueLength: Int = 128,
            codel: CoDelStateMachine<Instant>.Configuration = .init(),
            lifoThreshold: Int? = nil
        ) {
            precondition(maxQueueLength >= 0, "maxQueueLength must not be negative")
            self.algorithm = algorithm
            self.window = window
            self.shares = shares
            self.maxQueueLength = maxQueueLength
            self.codel = codel
            self.lifoThreshold = lifoThreshold
        }
    }

    /// The decision for an arriving request.
    ///
    /// ```swift
    /// if case .rejected(let error) = action { throw error }
    /// ```
    public enum ArrivalAction: Sendable, Equatable {
        /// Run now; `inFlight` counts this request.
        case admitted(inFlight: Int)
        /// Wait at most `timeout`; `evicted` lost their place and must fail with ``AdaptiveResilienceError/shed``.
        case enqueued(timeout: Duration, evicted: [ID])
        /// Fail at once (``AdaptiveResilienceError/shed`` or ``AdaptiveResilienceError/queueFull``).
        case rejected(AdaptiveResilienceError)
    }

    /// Waiting requests to resume after a slot frees up or the limit grows.
    ///
    /// ```swift
    /// for (id, inFlight) in drained.admitted { resume(id, inFlight) }
    /// for id in drained.dropped { fail(id, .queueTimeout) }
    /// ```
    public struct Drained: Sendable, Equatable {
        /// Requests that may run now, with the in-flight count at their start.
        public var admitted: [(id: ID, inFlight: Int)]
        /// Requests dropped by CoDel or past their timeout.
        public var dropped: [ID]

        /// Creates a result.
        ///
        /// ```swift
        /// let nothing = AdmissionStateMachine<ContinuousClock.Instant>.Drained(admitted: [], dropped: [])
        /// ```
        public init(admitted: [(id: ID, inFlight: Int)], dropped: [ID]) {
            self.admitted = admitted
            self.dropped = dropped
        }

        /// Whether nothing happened.
        ///
        /// ```swift
        /// if drained.isEmpty { return }
        /// ```
        public var isEmpty: Bool { self.admitted.isEmpty && self.dropped.isEmpty }

        /// Compares ids and in-flight counts.
        ///
        /// ```swift
        /// #expect(drained == .init(admitted: [(id: 2, inFlight: 1)], dropped: []))
        /// ```
        public static func == (lhs: Drained, rhs: Drained) -> Bool {
            lhs.dropped == rhs.dropped && lhs.admitted.map(\.id) == rhs.admitted.map(\.id)
                && lhs.admitted.map(\.inFlight) == rhs.admitted.map(\.inFlight)
        }
    }

    private struct Waiter: Sendable {
        var id: ID
        var enqueuedAt: Instant
        var timeout: Duration
    }

    /// The settings.
    public let configuration: Configuration
    /// The concurrency limit's state.
    public private(set) var limitState: ConcurrencyLimit
    /// CoDel's state.
    public private(set) var codel: CoDelStateMachine<Instant>
    /// Requests running.
    public private(set) var inFlight = 0
    private var window: AdaptiveConcurrencyStateMachine<Instant>
    private var queues: [[Waiter]] = Array(repeating: [], count: Criticality.allCases.count)
    private var heads: [Int] = Array(repeating: 0, count: Criticality.allCases.count)

    /// Creates an idle controller.
    ///
    /// ```swift
    /// let admission = AdmissionStateMachine<ContinuousClock.Instant>(configuration: .init())
    /// ```
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.window = AdaptiveConcurrencyStateMachine(algorithm: configuration.algorithm, window: configuration.window)
        self.limitState = self.window.limitState
        self.codel = CoDelStateMachine(configuration: configuration.codel)
    }

    /// The current concurrency limit.
    ///
    /// ```swift
    /// let limit = admission.limit
    /// ```
    public var limit: Int { self.limitState.limit }

    /// Requests waiting, over all classes.
    ///
    /// ```swift
    /// gauge.record(admission.queueLength)
    /// ```
    public private(set) var queueLength = 0

    /// Requests of `criticality` waiting.
    ///
    /// ```swift
    /// let waiting = admission.queueLength(for: .sheddable)
    /// ```
    public func queueLength(for criticality: Criticality) -> Int {
        self.queues[criticality.rawValue].count - self.heads[criticality.rawValue]
    }

    /// Whether the queue is served newest-first right now.
    ///
    /// ```swift
    /// if admission.isLIFO { log("adaptive LIFO engaged") }
    /// ```
    public var isLIFO: Bool {
        if self.codel.isOverloaded { return true }
        if let threshold = self.configuration.lifoThreshold, self.queueLength >= threshold { return true }
        return false
    }

    /// A request arrives.
    ///
    /// ```swift
    /// let action = admission.arrive(id: nextID, criticality: .critical, now: clock.now)
    /// ```
    public mutating func arrive(id: ID, criticality: Criticality, now: Instant) -> ArrivalAction {
        if let inFlight = self.tryAdmit(criticality: criticality, now: now) {
            return .admitted(inFlight: inFlight)
        }
        guard self.configuration.maxQueueLength > 0 else { return .rejected(.shed) }
        var evicted: [ID] = []
        if self.queueLength >= self.configuration.maxQueueLength {
            guard let lowest = Criticality.allCases.first(where: { self.queueLength(for: $0) > 0 }),
                lowest < criticality
            else {
                return .rejected(criticality < .critical ? .shed : .queueFull)
            }
            let head = self.heads[lowest.rawValue]
            evicted.append(self.queues[lowest.rawValue][head].id)
            self.heads[lowest.rawValue] += 1
            self.queueLength -= 1
            self.compact(lowest)
        }
        let timeout = self.codel.queueTimeout
        self.queues[criticality.rawValue].append(Waiter(id: id, enqueuedAt: now, timeout: timeout))
        self.queueLength += 1
        return .enqueued(timeout: timeout, evicted: evicted)
    }

    /// Admits a request only if it can run at once (no queueing); returns the in-flight count, or `nil`
    /// without changing anything when it would have to wait or be rejected.
    ///
    /// ```swift
    /// if let inFlight = admission.tryAdmit(criticality: .critical, now: clock.now) { run(inFlight) }
    /// ```
    public mutating func tryAdmit(criticality: Criticality, now: Instant) -> Int? {
        guard self.hasRoom(for: criticality) else { return nil }
        if self.queueLength > 0,
            Criticality.allCases.contains(where: { $0 >= criticality && self.queueLength(for: $0) > 0 })
        {
            return nil
        }
        _ = self.codel.dequeue(delay: .zero, now: now)
        return self.take()
    }

    /// A running request finished; feeds the limit and serves waiting requests.
    ///
    /// ```swift
    /// let drained = admission.complete(.success, rtt: elapsed, inFlightAtStart: started, now: clock.now)
    /// ```
    public mutating func complete(
        _ outcome: AdaptiveConcurrencyStateMachine<Instant>.Outcome, rtt: Duration, inFlightAtStart: Int, now: Instant
    ) -> Drained {
        precondition(self.inFlight > 0, "complete without a matching admission")
        self.inFlight -= 1
        self.window.record(outcome, rtt: rtt, inFlightAtStart: inFlightAtStart, now: now)
        self.limitState = self.window.limitState
        return self.drain(now: now)
    }

    /// A waiting request's timeout fired; returns whether it was still waiting (and is now removed).
    ///
    /// ```swift
    /// if admission.expire(id: id) { fail(id, .queueTimeout) }
    /// ```
    public mutating func expire(id: ID) -> Bool {
        self.remove(id: id)
    }

    /// A waiting request was cancelled; returns whether it was still waiting.
    ///
    /// ```swift
    /// if admission.cancel(id: id) { fail(id, CancellationError()) }
    /// ```
    public mutating func cancel(id: ID) -> Bool {
        self.remove(id: id)
    }

    /// Serves waiting requests while there is room (call after raising the limit externally or periodically).
    ///
    /// ```swift
    /// let drained = admission.drain(now: clock.now)
    /// ```
    public mutating func drain(now: Instant) -> Drained {
        var result = Drained(admitted: [], dropped: [])
        while self.queueLength > 0,
            let criticality = Criticality.allCases.reversed().first(where: { self.queueLength(for: $0) > 0 })
        {
            guard self.hasRoom(for: criticality) else { break }
            let waiter = self.pop(criticality, lifo: self.isLIFO)
            let delay = waiter.enqueuedAt.duration(to: now)
            let decision = self.codel.dequeue(delay: delay, now: now)
            if decision == .drop || delay > waiter.timeout {
                result.dropped.append(waiter.id)
            } else {
                result.admitted.append((waiter.id, self.take()))
            }
        }
        return result
    }

    private func hasRoom(for criticality: Criticality) -> Bool {
        self.inFlight < self.configuration.shares.capacity(for: criticality, limit: self.limit)
    }

    private mutating func take() -> Int {
        self.inFlight += 1
        return self.inFlight
    }

    private mutating func pop(_ criticality: Criticality, lifo: Bool) -> Waiter {
        let index = criticality.rawValue
        let waiter: Waiter
        if lifo {
            waiter = self.queues[index].removeLast()
        } else {
            waiter = self.queues[index][self.heads[index]]
            self.heads[index] += 1
        }
        self.queueLength -= 1
        self.compact(criticality)
        return waiter
    }

    private mutating func compact(_ criticality: Criticality) {
        let index = criticality.rawValue
        if self.heads[index] == self.queues[index].count {
            self.queues[index].removeAll(keepingCapacity: true)
            self.heads[index] = 0
        } else if self.heads[index] > 64 && self.heads[index] * 2 > self.queues[index].count {
            self.queues[index].removeFirst(self.heads[index])
            self.heads[index] = 0
        }
    }

    private mutating func remove(id: ID) -> Bool {
        for criticality in Criticality.allCases {
            let index = criticality.rawValue
            guard
                let position = self.queues[index][self.heads[index]...].firstIndex(where: { $0.id == id })
            else { continue }
            self.queues[index].remove(at: position)
            self.queueLength -= 1
            self.compact(criticality)
            return true
        }
        return false
    }
}
