import Resilience
import Testing

@Suite("AdmissionStateMachine")
struct AdmissionStateMachineTests {
    typealias Admission = AdmissionStateMachine<ManualClock.Instant>
    let t0 = ManualClock.Instant(offset: .zero)

    func at(_ milliseconds: Int) -> ManualClock.Instant { self.t0.advanced(by: .milliseconds(milliseconds)) }

    @Test("as load rises, lower classes are refused first")
    func shedOrderByClass() {
        // Limit 10; shares 0.5 / 0.7 / 0.9 / 1.0 → capacities 5 / 7 / 9 / 10; no queue.
        var admission = Admission(configuration: .init(algorithm: .fixed(10), maxQueueLength: 0))
        var firstRefusal: [Criticality: Int] = [:]
        var id: UInt64 = 0
        for load in 1...12 {
            for criticality in Criticality.allCases where firstRefusal[criticality] == nil {
                id += 1
                var probe = admission
                if case .rejected = probe.arrive(id: id, criticality: criticality, now: self.t0) {
                    firstRefusal[criticality] = load
                }
            }
            _ = admission.arrive(id: 1000 + UInt64(load), criticality: .criticalPlus, now: self.t0)
        }
        #expect(firstRefusal[.sheddable] == 6)
        #expect(firstRefusal[.sheddablePlus] == 8)
        #expect(firstRefusal[.critical] == 10)
        #expect(firstRefusal[.criticalPlus] == 11)
    }

    @Test("freed slots go to the most important waiting class first")
    func priorityDrain() {
        var admission = Admission(
            configuration: .init(algorithm: .fixed(2), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1)))
        do {
            let value = admission.arrive(id: 1, criticality: .critical, now: self.t0)
            #expect(value == .admitted(inFlight: 1))
        }
        do {
            let value = admission.arrive(id: 2, criticality: .critical, now: self.t0)
            #expect(value == .admitted(inFlight: 2))
        }
        for (id, criticality) in [(3, Criticality.sheddable), (4, .critical), (5, .sheddablePlus), (6, .criticalPlus)] {
            guard case .enqueued = admission.arrive(id: UInt64(id), criticality: criticality, now: self.t0) else {
                Issue.record("request \(id) should wait")
                return
            }
        }
        var order: [UInt64] = []
        for _ in 0..<4 {
            let drained = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 2, now: self.at(1))
            order += drained.admitted.map(\.id)
        }
        #expect(order == [6, 4, 5, 3])
    }

    @Test("a full queue evicts a lower class to make room, and refuses an equal or lower one")
    func eviction() {
        var admission = Admission(configuration: .init(algorithm: .fixed(1), maxQueueLength: 2))
        _ = admission.arrive(id: 1, criticality: .criticalPlus, now: self.t0)
        _ = admission.arrive(id: 2, criticality: .sheddable, now: self.t0)
        _ = admission.arrive(id: 3, criticality: .sheddable, now: self.t0)
        do {
            let value = admission.arrive(id: 4, criticality: .sheddable, now: self.t0)
            #expect(value == .rejected(.shed))
        }
        do {
            let value = admission.arrive(id: 5, criticality: .critical, now: self.t0)
            #expect(value == .enqueued(timeout: .milliseconds(100), evicted: [2]))
        }
        do {
            let value = admission.arrive(id: 6, criticality: .critical, now: self.t0)
            #expect(value == .enqueued(timeout: .milliseconds(100), evicted: [3]))
        }
        do {
            let value = admission.arrive(id: 7, criticality: .critical, now: self.t0)
            #expect(value == .rejected(.queueFull))
        }
        #expect(admission.queueLength(for: .critical) == 2)
        #expect(admission.queueLength(for: .sheddable) == 0)
    }

    @Test("waiters are served FIFO normally and LIFO once the queue is congested")
    func adaptiveLIFO() {
        var admission = Admission(
            configuration: .init(
                algorithm: .fixed(1), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1), lifoThreshold: 3))
        _ = admission.arrive(id: 0, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 1, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 2, criticality: .critical, now: self.t0)
        #expect(!admission.isLIFO)
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(1)).admitted.map(\.id)
            #expect(value == [1])
        }
        for id in 3...5 { _ = admission.arrive(id: UInt64(id), criticality: .critical, now: self.at(2)) }
        // Four waiting (2, 3, 4, 5) ≥ threshold 3: newest first.
        #expect(admission.isLIFO)
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(3)).admitted.map(\.id)
            #expect(value == [5])
        }
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(4)).admitted.map(\.id)
            #expect(value == [4])
        }
        // Two waiting: back to FIFO.
        #expect(!admission.isLIFO)
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(5)).admitted.map(\.id)
            #expect(value == [2])
        }
    }

    @Test("CoDel overload switches to LIFO, shortens queue timeouts and drops long waiters")
    func codelInAdmission() {
        var admission = Admission(
            configuration: .init(
                algorithm: .fixed(1), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1),
                codel: .init(target: .milliseconds(5), interval: .milliseconds(100))))
        _ = admission.arrive(id: 0, criticality: .critical, now: self.at(0))  // serves, opens an interval
        var id: UInt64 = 1
        var now = 0
        // A standing queue: every waiter waits 8 ms (above the 5 ms target, below the 10 ms slough timeout).
        // The first interval saw the 0 ms admission above; the second one (100…200 ms) saw only 8 ms delays.
        while now < 210 {
            _ = admission.arrive(id: id, criticality: .critical, now: self.at(now))
            now += 8
            _ = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(now))
            id += 1
        }
        #expect(admission.codel.isOverloaded)
        #expect(admission.isLIFO)
        guard case .enqueued(let timeout, _) = admission.arrive(id: 100, criticality: .critical, now: self.at(now))
        else {
            Issue.record("expected to wait")
            return
        }
        #expect(timeout == .milliseconds(10))
        _ = admission.arrive(id: 101, criticality: .critical, now: self.at(now + 15))
        // 101 is served first (LIFO, 0 ms wait); 100 then waited 30 ms > 10 ms and is dropped.
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(now + 15)).admitted
                .map(\.id)
            #expect(value == [101])
        }
        let drained = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.at(now + 30))
        #expect(drained.dropped == [100])
        #expect(drained.admitted.isEmpty)
    }

    @Test("expired and cancelled waiters leave the queue")
    func expireAndCancel() {
        var admission = Admission(configuration: .init(algorithm: .fixed(1)))
        _ = admission.arrive(id: 1, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 2, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 3, criticality: .sheddable, now: self.t0)
        do {
            let value = admission.expire(id: 2)
            #expect(value)
        }
        let expiredTwice = admission.expire(id: 2)
        #expect(!expiredTwice)
        do {
            let value = admission.cancel(id: 3)
            #expect(value)
        }
        #expect(admission.queueLength == 0)
        do {
            let value = admission.complete(.ignored, rtt: .zero, inFlightAtStart: 1, now: self.t0).isEmpty
            #expect(value)
        }
    }

    @Test("completions feed the adaptive limit, and a higher limit admits more waiters")
    func feedsLimit() {
        var admission = Admission(
            configuration: .init(
                algorithm: .aimd(.init(initialLimit: 1)), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1)))
        _ = admission.arrive(id: 1, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 2, criticality: .critical, now: self.t0)
        _ = admission.arrive(id: 3, criticality: .critical, now: self.t0)
        let drained = admission.complete(.success, rtt: .milliseconds(1), inFlightAtStart: 1, now: self.at(1))
        #expect(admission.limit == 2)
        #expect(drained.admitted.map(\.id) == [2, 3])
    }
}
