import Foundation
import Resilience
import Synchronization
import Testing

/// Replays the same call sequences through Resilience's consecutive-mode breaker and through pybreaker (on a
/// patched clock) and compares call results, state transitions (with their instants) and the final state exactly.
@Suite("pybreaker conformance (consecutive mode)")
struct PybreakerConformanceTests {
    enum Step {
        case call(String)  // "success", "failure", "excluded"
        case timeout(Double)  // a call that runs `seconds` and fails with a timeout
        case advance(Double)

        var json: [Any] {
            switch self {
            case .call(let outcome): ["call", outcome]
            case .timeout(let seconds): ["call", "timeout", seconds]
            case .advance(let seconds): ["advance", seconds]
            }
        }
    }

    struct Sequence {
        var name: String
        var failMax: Int
        var resetTimeout: Double
        var successThreshold: Int
        var steps: [Step]
    }

    struct Replay: Equatable, CustomStringConvertible {
        var results: [String]
        var transitions: [String]
        var state: String
        var description: String { "results=\(results) transitions=\(transitions) state=\(state)" }
    }

    struct Failure: Error {}
    struct ExcludedError: Error {}

    static let sequences: [Sequence] = [
        Sequence(
            name: "trip-and-recover", failMax: 3, resetTimeout: 30, successThreshold: 1,
            steps: [
                .call("failure"), .call("failure"), .call("success"), .call("failure"), .call("failure"),
                .call("failure"), .call("success"), .advance(29.5), .call("success"), .advance(0.5),
                .call("success"), .call("failure"), .call("success"),
            ]),
        Sequence(
            name: "half-open-failure-reopens", failMax: 2, resetTimeout: 10, successThreshold: 1,
            steps: [
                .call("failure"), .call("failure"), .advance(10), .call("failure"), .call("success"),
                .advance(5), .call("success"), .advance(5), .call("success"), .call("success"),
            ]),
        Sequence(
            name: "success-threshold-3", failMax: 2, resetTimeout: 5, successThreshold: 3,
            steps: [
                .call("failure"), .call("failure"), .advance(5), .call("success"), .call("success"),
                .call("failure"), .call("success"), .advance(5), .call("success"), .call("success"),
                .call("success"), .call("failure"), .call("failure"), .call("success"),
            ]),
        Sequence(
            name: "excluded-errors-count-as-success", failMax: 2, resetTimeout: 10, successThreshold: 2,
            steps: [
                .call("failure"), .call("excluded"), .call("failure"), .call("failure"), .call("excluded"),
                .advance(10), .call("excluded"), .call("excluded"), .call("failure"), .call("failure"),
            ]),
        Sequence(
            name: "timeouts-trip-the-breaker", failMax: 2, resetTimeout: 4, successThreshold: 1,
            steps: [
                .timeout(1.5), .call("success"), .timeout(1.5), .timeout(1.5), .call("success"), .advance(3),
                .call("success"), .advance(1), .timeout(0.5), .advance(4), .call("success"), .timeout(0.25),
            ]),
        Sequence(
            name: "long-run", failMax: 4, resetTimeout: 60, successThreshold: 2,
            steps: (0..<6).flatMap { round -> [Step] in
                [
                    .call("failure"), .call("failure"), .call(round.isMultiple(of: 2) ? "success" : "failure"),
                    .call("failure"), .call("failure"), .advance(Double(30 + round * 10)), .call("success"),
                    .call(round.isMultiple(of: 3) ? "failure" : "success"), .call("success"),
                ]
            }),
    ]

    @Test("every sequence matches pybreaker exactly")
    func matchesPybreaker() async throws {
        let input: [String: Any] = [
            "sequences": Self.sequences.map { sequence in
                [
                    "name": sequence.name, "fail_max": sequence.failMax, "reset_timeout": sequence.resetTimeout,
                    "success_threshold": sequence.successThreshold, "steps": sequence.steps.map(\.json),
                ] as [String: Any]
            }
        ]
        let oracle = try PybreakerOracle.replay(try JSONSerialization.data(withJSONObject: input))
        for sequence in Self.sequences {
            let expected = try #require(oracle[sequence.name] as? [String: Any], "no output for \(sequence.name)")
            let python = try Self.parse(expected)
            let swift = try await Self.replay(sequence)
            #expect(swift == python, "sequence \(sequence.name)")
            #expect(!python.transitions.isEmpty, "sequence \(sequence.name) should exercise transitions")
        }
    }

    static func parse(_ object: [String: Any]) throws -> Replay {
        let results = try #require(object["results"] as? [String])
        let transitions = try #require(object["transitions"] as? [[String: Any]]).map { transition in
            let at = (transition["at"] as? NSNumber)?.doubleValue ?? .nan
            return "\(at):\(transition["from"] as? String ?? "nil")->\(transition["to"] as? String ?? "nil")"
        }
        return Replay(results: results, transitions: transitions, state: try #require(object["state"] as? String))
    }

    static func name(_ state: CircuitBreakerState) -> String {
        switch state {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        default: state.rawValue
        }
    }

    static func seconds(_ instant: ManualClock.Instant) -> Double {
        let parts = instant.offset.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    static func replay(_ sequence: Sequence) async throws -> Replay {
        let clock = ManualClock()
        let transitions = Mutex<[String]>([])
        var configuration = CircuitBreakerConfiguration.consecutive(
            failures: sequence.failMax, resetTimeout: duration(sequence.resetTimeout),
            successThreshold: sequence.successThreshold)
        configuration.isFailure = { !($0 is ExcludedError) }
        let breaker = CircuitBreaker(configuration: configuration, clock: clock) { transition in
            let at = seconds(clock.now)
            transitions.withLock { $0.append("\(at):\(name(transition.from))->\(name(transition.to))") }
        }
        var results: [String] = []
        for step in sequence.steps {
            switch step {
            case .advance(let seconds):
                clock.advance(by: duration(seconds))
            case .call(let outcome):
                do {
                    try await breaker.execute {
                        if outcome == "failure" { throw Failure() }
                        if outcome == "excluded" { throw ExcludedError() }
                    }
                    results.append("ok")
                } catch ResilienceError.circuitOpen {
                    results.append("rejected")
                } catch {
                    results.append("error")
                }
            case .timeout(let seconds):
                results.append(try await Self.timedOutCall(breaker: breaker, clock: clock, seconds: seconds))
            }
        }
        return Replay(results: results, transitions: transitions.withLock { $0 }, state: name(breaker.state))
    }

    /// A call through breaker → timeout whose operation sleeps past the timeout; time is advanced by exactly the
    /// timeout so the timer fires and cancels the operation.
    static func timedOutCall(breaker: CircuitBreaker<ManualClock>, clock: ManualClock, seconds: Double) async throws
        -> String
    {
        let timeout = Timeout(duration(seconds), clock: clock)
        let (events, signal) = AsyncStream<String>.makeStream()
        let task = Task {
            var result = "ok"
            do {
                try await breaker.execute {
                    try await timeout.execute {
                        signal.yield("started")
                        try await clock.sleep(until: clock.now.advanced(by: duration(seconds * 4)))
                    }
                }
            } catch ResilienceError.circuitOpen {
                result = "rejected"
            } catch {
                #expect(error as? ResilienceError == .timedOut)
                result = "error"
            }
            signal.yield("done")
            signal.finish()
            return result
        }
        for await event in events where event == "started" {
            await clock.waitForSleepers(count: 2)  // the operation and the timeout's timer
            clock.advance(by: duration(seconds))
        }
        return await task.value
    }
}
