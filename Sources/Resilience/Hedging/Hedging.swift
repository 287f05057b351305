import Synchronization

/// Hedged requests: when the first attempt is slow, send another and take whichever succeeds first.
///
/// A hedge is sent after ``HedgingDelay`` (fixed, or a percentile of recently observed latencies), up to
/// `maxHedgedAttempts` extra attempts; a retryable failure sends the next attempt at once. The first success wins
/// and the other attempts are cancelled. Only hedge idempotent operations.
///
/// ```swift
/// let hedging = Hedging(maxHedgedAttempts: 1, delay: .percentile(0.95, otherwise: .milliseconds(50)))
/// let profile = try await hedging.execute { attempt in try await replicas[attempt].profile(userID) }
/// ```
public final class Hedging<C: Clock>: Sendable where C.Duration == Duration {
    /// The clock that times hedge delays and latencies.
    public let clock: C
    /// Extra attempts allowed per call.
    public let maxHedgedAttempts: Int
    /// When hedges are sent.
    public let delay: HedgingDelay
    private let isRetryable: @Sendable (any Error) -> Bool
    private let latencies: Mutex<LatencyPercentileTracker>

    /// Creates a hedging strategy.
    ///
    /// ```swift
    /// let hedging = Hedging(maxHedgedAttempts: 2, delay: .fixed(.milliseconds(30)), clock: manualClock)
    /// ```
    public init(
        maxHedgedAttempts: Int = 1,
        delay: HedgingDelay,
        latencyWindow: Int = 1000,
        isRetryable: @escaping @Sendable (any Error) -> Bool = { !($0 is CancellationError) },
        clock: C
    ) {
        precondition(maxHedgedAttempts >= 0, "maxHedgedAttempts must not be negative")
        self.clock = clock
        self.maxHedgedAttempts = maxHedgedAttempts
        self.delay = delay
        self.isRetryable = isRetryable
        self.latencies = Mutex(LatencyPercentileTracker(capacity: latencyWindow))
    }

    /// The delay the next call will wait before hedging.
    ///
    /// ```swift
    /// gauge.record(hedging.currentDelay)
    /// ```
    public var currentDelay: Duration {
        switch self.delay {
        case .fixed(let delay):
            return delay
        case .percentile(let p, let minimumSamples, let otherwise):
            return self.latencies.withLock { tracker in
                guard tracker.count >= minimumSamples, let value = tracker.percentile(p) else { return otherwise }
                return value
            }
        }
    }

    /// Records an externally observed latency (successful calls are recorded automatically).
    ///
    /// ```swift
    /// hedging.record(latency: .milliseconds(8))
    /// ```
    public func record(latency: Duration) {
        self.latencies.withLock { $0.record(latency) }
    }

    private enum Event<T: Sendable>: Sendable {
        case finished(attempt: Int, Result<T, any Error>, latency: Duration)
        case timer(generation: Int)
    }

    /// Runs `operation(attempt)` with hedging; `attempt` is 0 for the primary, 1… for hedges.
    ///
    /// ```swift
    /// let value = try await hedging.execute { attempt in try await backend.get(key) }
    /// ```
    public func execute<T: Sendable>(
        _ operation: @escaping @Sendable (_ attempt: Int) async throws -> T
    ) async throws
        -> T
    {
        var machine = HedgingStateMachine(maxHedgedAttempts: self.maxHedgedAttempts)
        let delay = self.currentDelay
        let clock = self.clock
        return try await withThrowingTaskGroup(of: Event<T>.self) { group in
            var generation = 0
            var errors: [Int: any Error] = [:]
            func perform(_ action: HedgingStateMachine.Action) throws -> T? {
                switch action {
                case .wait:
                    return nil
                case .launch(let attempt, let armTimer):
                    group.addTask {
                        let start = clock.now
                        do {
                            let value = try await operation(attempt)
                            return .finished(attempt: attempt, .success(value), latency: start.duration(to: clock.now))
                        } catch {
                            return .finished(attempt: attempt, .failure(error), latency: start.duration(to: clock.now))
                        }
                    }
                    if armTimer {
                        generation += 1
                        let current = generation
                        group.addTask {
                            try? await clock.sleep(for: delay)
                            return .timer(generation: current)
                        }
                    }
                    return nil
                case .succeed:
                    return nil
                case .fail(let attempt):
                    throw errors[attempt] ?? AdaptiveResilienceError.hedgingExhausted
                }
            }
            _ = try perform(machine.start())
            while let event = try await group.next() {
                switch event {
                case .timer(let fired):
                    guard fired == generation, !Task.isCancelled else { continue }
                    _ = try perform(machine.timerFired())
                case .finished(let attempt, .success(let value), let latency):
                    if case .succeed = machine.attemptSucceeded(attempt) {
                        self.record(latency: latency)
                        group.cancelAll()
                        return value
                    }
                case .finished(let attempt, .failure(let error), _):
                    errors[attempt] = error
                    do {
                        _ = try perform(machine.attemptFailed(attempt, retryable: self.isRetryable(error)))
                    } catch {
                        group.cancelAll()
                        throw error
                    }
                }
            }
            throw CancellationError()
        }
    }
}

extension Hedging where C == ContinuousClock {
    /// Creates a hedging strategy on the continuous clock.
    ///
    /// ```swift
    /// let hedging = Hedging(delay: .fixed(.milliseconds(20)))
    /// ```
    public convenience init(
        maxHedgedAttempts: Int = 1,
        delay: HedgingDelay,
        latencyWindow: Int = 1000,
        isRetryable: @escaping @Sendable (any Error) -> Bool = { !($0 is CancellationError) }
    ) {
        self.init(
            maxHedgedAttempts: maxHedgedAttempts, delay: delay, latencyWindow: latencyWindow,
            isRetryable: isRetryable, clock: ContinuousClock())
    }
}
