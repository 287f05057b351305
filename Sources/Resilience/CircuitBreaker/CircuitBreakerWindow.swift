/// The sliding window of recorded calls behind a breaker's metrics (resilience4j's fixed-size and time-based
/// window metrics): a ring of outcomes, or one-second buckets, plus running totals.
@usableFromInline
struct CircuitBreakerWindow: Sendable, Hashable {
    @usableFromInline
    struct Bucket: Sendable, Hashable {
        @usableFromInline var second: Int64
        @usableFromInline var totals = Totals()

        @inlinable
        init(second: Int64) {
            self.second = second
        }
    }

    @usableFromInline
    struct Totals: Sendable, Hashable {
        @usableFromInline var calls = 0
        @usableFromInline var failed = 0
        @usableFromInline var slowSuccessful = 0
        @usableFromInline var slowFailed = 0

        @inlinable
        init() {}

        @inlinable
        mutating func add(_ outcome: UInt8) {
            self.calls += 1
            switch outcome {
            case Outcome.failure: self.failed += 1
            case Outcome.slowSuccess: self.slowSuccessful += 1
            case Outcome.slowFailure:
                self.failed += 1
                self.slowFailed += 1
            default: break
            }
        }

        @inlinable
        mutating func remove(_ outcome: UInt8) {
            self.calls -= 1
            switch outcome {
            case Outcome.failure: self.failed -= 1
            case Outcome.slowSuccess: self.slowSuccessful -= 1
            case Outcome.slowFailure:
                self.failed -= 1
                self.slowFailed -= 1
            default: break
            }
        }

        @inlinable
        mutating func subtract(_ other: Totals) {
            self.calls -= other.calls
            self.failed -= other.failed
            self.slowSuccessful -= other.slowSuccessful
            self.slowFailed -= other.slowFailed
        }

        @inlinable
        mutating func merge(_ other: Totals) {
            self.calls += other.calls
            self.failed += other.failed
            self.slowSuccessful += other.slowSuccessful
            self.slowFailed += other.slowFailed
        }
    }

    @usableFromInline
    enum Outcome {
        @usableFromInline static let success: UInt8 = 0
        @usableFromInline static let failure: UInt8 = 1
        @usableFromInline static let slowSuccess: UInt8 = 2
        @usableFromInline static let slowFailure: UInt8 = 3
    }

    @usableFromInline let isTimeBased: Bool
    @usableFromInline let size: Int
    @usableFromInline let minimumNumberOfCalls: Int
    @usableFromInline var ring: [UInt8]
    @usableFromInline var buckets: [Bucket]
    @usableFromInline var head = 0
    @usableFromInline var totals = Totals()
    @usableFromInline var notPermittedCalls = 0

    /// A count-based window of `size` calls (size 0 records nothing).
    @usableFromInline
    init(countBased size: Int, minimumNumberOfCalls: Int) {
        self.isTimeBased = false
        self.size = max(0, size)
        self.minimumNumberOfCalls = min(minimumNumberOfCalls, self.size)
        self.ring = []
        self.ring.reserveCapacity(self.size)
        self.buckets = []
    }

    /// A time-based window of `seconds` one-second buckets, the newest being `second`.
    @usableFromInline
    init(timeBased seconds: Int, minimumNumberOfCalls: Int, second: Int64) {
        self.isTimeBased = true
        self.size = max(1, seconds)
        self.minimumNumberOfCalls = minimumNumberOfCalls
        self.ring = []
        self.buckets = (0..<Int64(self.size)).map { Bucket(second: second + $0) }
    }

    @inlinable
    static func outcome(failed: Bool, slow: Bool) -> UInt8 {
        (failed ? 1 : 0) | (slow ? 2 : 0)
    }

    /// Records one call; `second` is the current whole second (time-based windows only).
    @inlinable
    mutating func record(_ outcome: UInt8, second: Int64) {
        if self.isTimeBased {
            self.moveWindow(to: second)
            self.buckets[self.head].totals.add(outcome)
            self.totals.add(outcome)
            return
        }
        guard self.size > 0 else { return }
        if self.ring.count < self.size {
            self.ring.append(outcome)
        } else {
            self.totals.remove(self.ring[self.head])
            self.ring[self.head] = outcome
            self.head = self.head + 1 == self.size ? 0 : self.head + 1
        }
        self.totals.add(outcome)
    }

    /// Drops the buckets older than the window (time-based windows only), as resilience4j does before a snapshot.
    @inlinable
    mutating func moveWindow(to second: Int64) {
        guard self.isTimeBased else { return }
        let difference = second - self.buckets[self.head].second
        guard difference > 0 else { return }
        var steps = min(difference, Int64(self.size))
        repeat {
            steps -= 1
            self.head = self.head + 1 == self.size ? 0 : self.head + 1
            self.totals.subtract(self.buckets[self.head].totals)
            self.buckets[self.head] = Bucket(second: second - steps)
        } while steps > 0
    }

    /// Whether the rates are computed (not -1): the minimum number of calls is recorded.
    @inlinable
    var ratesAreDefined: Bool {
        self.totals.calls > 0 && self.totals.calls >= self.minimumNumberOfCalls
    }

    /// resilience4j's failure rate: -1 until the minimum number of calls is recorded.
    @inlinable
    var failureRate: Float {
        let calls = self.totals.calls
        guard calls > 0, calls >= self.minimumNumberOfCalls else { return -1 }
        return Float(self.totals.failed) * 100 / Float(calls)
    }

    /// resilience4j's slow-call rate: -1 until the minimum number of calls is recorded.
    @inlinable
    var slowCallRate: Float {
        let calls = self.totals.calls
        guard calls > 0, calls >= self.minimumNumberOfCalls else { return -1 }
        return Float(self.totals.slowSuccessful + self.totals.slowFailed) * 100 / Float(calls)
    }
}
