import Resilience
import Testing

/// A deterministic discrete-event simulation of a server behind the admission controller at 3× its capacity.
///
/// The server has 10 workers and a 10 ms service time, so it completes at most 1000 requests/s; with more than 10
/// requests in flight every request slows down proportionally (processor sharing). Clients send 3000 requests/s
/// and give up after 100 ms. 30 % of the traffic is critical or critical-plus (900 requests/s, below capacity).
struct OverloadSimulation {
    struct Outcome {
        var goodput = 0
        var served = 0
        var offeredByClass: [Criticality: Int] = [:]
        var goodByClass: [Criticality: Int] = [:]
    }

    typealias Admission = AdmissionStateMachine<ManualClock.Instant>

    static func run(configuration: Admission.Configuration, seconds: Int = 10, seed: UInt64 = 1) -> Outcome {
        var admission = Admission(configuration: configuration)
        var rng = SplitMix64(seed: seed)
        var outcome = Outcome()
        // id → (arrival ms, class); running: id → (finish ms, start ms, inFlightAtStart)
        var arrivals: [UInt64: (at: Int, criticality: Criticality)] = [:]
        var waiting: [UInt64: Int] = [:]  // id → deadline ms for its queue timeout
        var running: [(id: UInt64, finish: Int, start: Int, inFlight: Int)] = []
        var nextID: UInt64 = 0
        let workers = 10
        let serviceMs = 10
        let clientTimeoutMs = 100

        func instant(_ ms: Int) -> ManualClock.Instant { .init(offset: .milliseconds(ms)) }
        func start(_ id: UInt64, inFlight: Int, at ms: Int) {
            let slowdown = max(1.0, Double(admission.inFlight) / Double(workers))
            let latency = Int((Double(serviceMs) * slowdown).rounded(.up))
            running.append((id, ms + latency, ms, inFlight))
        }

        for ms in 0..<(seconds * 1000) {
            // Completions.
            var index = 0
            while index < running.count {
                guard running[index].finish <= ms else {
                    index += 1
                    continue
                }
                let done = running.remove(at: index)
                let arrival = arrivals.removeValue(forKey: done.id)!
                outcome.served += 1
                let good = ms - arrival.at <= clientTimeoutMs
                if good {
                    outcome.goodput += 1
                    outcome.goodByClass[arrival.criticality, default: 0] += 1
                }
                let drained = admission.complete(
                    good ? .success : .dropped, rtt: .milliseconds(ms - done.start), inFlightAtStart: done.inFlight,
                    now: instant(ms))
                for id in drained.dropped {
                    waiting[id] = nil
                    arrivals[id] = nil
                }
                for (id, inFlight) in drained.admitted {
                    waiting[id] = nil
                    start(id, inFlight: inFlight, at: ms)
                }
            }
            // Queue timeouts.
            for (id, deadline) in waiting where deadline <= ms {
                if admission.expire(id: id) {
                    waiting[id] = nil
                    arrivals[id] = nil
                }
            }
            // Arrivals: 3 per millisecond.
            for _ in 0..<3 {
                nextID += 1
                let roll = Double.random(in: 0..<1, using: &rng)
                let criticality: Criticality =
                    roll < 0.1 ? .criticalPlus : roll < 0.3 ? .critical : roll < 0.6 ? .sheddablePlus : .sheddable
                outcome.offeredByClass[criticality, default: 0] += 1
                arrivals[nextID] = (ms, criticality)
                switch admission.arrive(id: nextID, criticality: criticality, now: instant(ms)) {
                case .admitted(let inFlight):
                    start(nextID, inFlight: inFlight, at: ms)
                case .enqueued(let timeout, let evicted):
                    waiting[nextID] =
                        ms + Int(timeout.components.seconds * 1000)
                        + Int(timeout.components.attoseconds / 1_000_000_000_000_000)
                    for id in evicted {
                        waiting[id] = nil
                        arrivals[id] = nil
                    }
                case .rejected:
                    arrivals[nextID] = nil
                }
            }
        }
        return outcome
    }
}

@Suite("Overload simulation")
struct OverloadSimulationTests {
    @Test("at 3× capacity goodput stays ≥ 90 % of capacity and critical traffic is unharmed")
    func threeTimesCapacity() {
        // The queue timeout must stay well below the client's 100 ms deadline, or requests are served after
        // their caller gave up (with the default 100 ms, goodput drops to about 89 % of capacity).
        let outcome = OverloadSimulation.run(
            configuration: .init(
                algorithm: .gradient(.init(initialLimit: 10, minLimit: 1, maxLimit: 200)),
                codel: .init(longTimeout: .milliseconds(50))))
        let capacity = 10 * 1000  // 1000 requests/s for 10 s
        #expect(Double(outcome.goodput) >= 0.9 * Double(capacity))
        for criticality in [Criticality.criticalPlus, .critical] {
            let offered = outcome.offeredByClass[criticality] ?? 0
            let good = outcome.goodByClass[criticality] ?? 0
            #expect(Double(good) >= 0.98 * Double(offered), "\(criticality): \(good) of \(offered)")
        }
        // The sheddable class absorbs the shedding.
        let sheddable = Double(outcome.goodByClass[.sheddable] ?? 0) / Double(outcome.offeredByClass[.sheddable] ?? 1)
        #expect(sheddable < 0.5)
    }

    @Test("without admission control the same load collapses goodput")
    func unprotectedCollapses() {
        let outcome = OverloadSimulation.run(
            configuration: .init(
                algorithm: .fixed(100_000), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1),
                maxQueueLength: 0),
            seconds: 2)
        #expect(Double(outcome.goodput) < 0.2 * 2 * 1000)
    }
}
