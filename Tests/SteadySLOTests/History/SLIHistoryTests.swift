import SteadyModel
import Testing

@testable import SteadySLO

@Suite("SLI history windows")
struct SLIHistoryTests {
    let origin = WallInstant(secondsSinceEpoch: 1_767_225_600)  // 2026-01-01T00:00:00Z

    func minute(_ index: Int64) -> WallInstant { origin.advanced(by: .seconds(index * 60)) }

    @Test("windows equal brute-force sums for random data, gaps and late data")
    func windowsMatchBruteForce() throws {
        var random = SplitMix64(seed: 7)
        // Small horizons so the edge and hour paths are exercised: 3 h of minutes, 2 days of hours.
        var history = SLIHistory(fineHorizon: .seconds(3 * 3600), coarseHorizon: .seconds(2 * 86_400))
        var truth: [Int64: EventCounts] = [:]
        var stored: [SLIBucket] = []
        var now: Int64 = 0
        for _ in 0..<2500 {
            now += Int64.random(in: 0...2, using: &random)  // gaps and repeated minutes
            let total = Double(Int.random(in: 0...50, using: &random))
            let good = total - Double(Int.random(in: 0...Int(total), using: &random) / 5)
            var at = now
            if Int.random(in: 0..<10, using: &random) == 0 {
                at = max(0, now - Int64.random(in: 1...30, using: &random))
            }
            history.record(minute: minute(at), good: good, total: total)
            truth[at, default: .zero] += EventCounts(good: good, total: total)
            stored.append(SLIBucket(slo: "s/x", minute: minute(at), good: good, total: total))

            for length in [1, 5, 60, 61, 180, 600, 1440, 2000] as [Int64] {
                let start = now - length + 1
                // 45 s into the minute: the minute before `start` counts for its last quarter.
                let end = minute(now).advanced(by: .seconds(45))
                var counts = history.window(endingAt: end, length: .seconds(length * 60))
                // Past the minute ring, the hour holding the partial minute (or the window's first full minute)
                // comes from storage; both are in the same hour whenever both need one.
                let partialHour = minute((start - 1 - ((start - 1) % 60 + 60) % 60))
                for edge in [partialHour, history.neededEdge(forWindowStartingAt: minute(start))] where counts == nil {
                    guard let edge else { continue }
                    history.setEdge(
                        hourStart: edge,
                        buckets: stored.filter { $0.minute >= edge && $0.minute < edge.advanced(by: .seconds(3600)) })
                    counts = history.window(endingAt: end, length: .seconds(length * 60))
                }
                let partial = truth[start - 1] ?? .zero
                let expected =
                    (start...now).reduce(EventCounts.zero) { $0 + (truth[$1] ?? .zero) }
                    + EventCounts(good: partial.good / 4, total: partial.total / 4)
                let got = try #require(counts, "window \(length)m at minute \(now)")
                #expect(abs(got.good - expected.good) < 1e-6, "window \(length)m at minute \(now)")
                #expect(abs(got.total - expected.total) < 1e-6, "window \(length)m at minute \(now)")
            }
        }
    }

    @Test("a one-minute window slides: never empty just after a minute boundary, exact on one")
    func oneMinuteWindowSlides() {
        var history = SLIHistory(fineHorizon: .seconds(3600), coarseHorizon: .seconds(86_400))
        history.record(minute: minute(10), good: 90, total: 100)
        history.record(minute: minute(11), good: 1, total: 2)
        let oneMinute = Duration.seconds(60)
        // On the boundary the window is the whole minute before it (the minute starting there is empty).
        history.record(minute: minute(12), good: 0, total: 0)
        #expect(history.window(endingAt: minute(12), length: oneMinute) == EventCounts(good: 1, total: 2))
        // One second into minute 12, which holds nothing yet: 59/60 of minute 11 — not empty.
        let justAfter = history.window(endingAt: minute(12).advanced(by: .seconds(1)), length: oneMinute)
        #expect(justAfter?.total ?? 0 > 1.9 && justAfter?.total ?? 0 < 2)
        #expect(justAfter?.errorRatio.map { abs($0 - 0.5) < 1e-9 } == true)
        // Half a minute in: half of minute 11.
        #expect(
            history.window(endingAt: minute(11).advanced(by: .seconds(30)), length: oneMinute)
                == EventCounts(good: 45 + 1, total: 50 + 2))
    }

    @Test("an hour known to be empty needs no edge; so do hours before the first record")
    func emptyHoursNeedNoEdge() {
        var history = SLIHistory(fineHorizon: .seconds(3600), coarseHorizon: .seconds(86_400))
        history.record(minute: minute(300), good: 1, total: 1)
        // Before the first record: zero.
        #expect(history.range(from: minute(10), through: minute(300)) == EventCounts(good: 1, total: 1))
        // Advance far: a window starting at minute 310 starts inside hour 5, which holds the only record…
        history.record(minute: minute(1000), good: 2, total: 2)
        #expect(history.neededEdge(forWindowStartingAt: minute(310)) == minute(300))
        #expect(history.range(from: minute(310), through: minute(1000)) == nil)
        // …(a window starting in hour 4, before the first record, needs nothing)…
        #expect(history.neededEdge(forWindowStartingAt: minute(290)) == nil)
        #expect(history.range(from: minute(290), through: minute(1000)) == EventCounts(good: 3, total: 3))
        // …while a window starting in an empty hour is answered from the hour ring.
        #expect(history.range(from: minute(370), through: minute(1000)) == EventCounts(good: 2, total: 2))
    }

    @Test("data older than both horizons is dropped")
    func tooOld() {
        var history = SLIHistory(fineHorizon: .seconds(3600), coarseHorizon: .seconds(7200))
        history.record(minute: minute(10_000), good: 1, total: 1)
        let accepted = history.record(minute: minute(1), good: 1, total: 1)
        #expect(!accepted)
        #expect(history.window(endingAt: minute(10_000), length: .seconds(600)) == EventCounts(good: 1, total: 1))
    }
}
