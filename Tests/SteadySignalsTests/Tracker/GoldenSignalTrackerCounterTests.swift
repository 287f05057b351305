import SteadyModel
import SteadySignals
import Testing

@Suite("GoldenSignalTracker counters")
struct GoldenSignalTrackerCounterTests {
    let target = "127.0.0.1:8081"

    func requests(_ values: [String: Double]) -> ScrapeBody {
        var builder = ScrapeBuilder()
        for (code, value) in values.sorted(by: { $0.key < $1.key }) {
            builder.counter("http_requests_total", ["code": code], value)
        }
        return builder.body
    }

    @Test func firstScrapeOnlySetsTheBaseline() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        let rollup = tracker.ingest(
            target: target, body: requests(["200": 100, "500": 7]), at: TestTime.at(seconds: 5))
        #expect(rollup.requests == 0)
        #expect(rollup.errors == 0)
        #expect(rollup.scrapes == 1)
        #expect(rollup.service == "checkout")
        #expect(rollup.minute == TestTime.base)
        #expect(tracker.trackedSeriesCount(target: target) == 2)
    }

    @Test func deltasBetweenScrapes() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 100, "500": 7]), at: TestTime.at(seconds: 5))
        let rollup = tracker.ingest(
            target: target, body: requests(["200": 130, "500": 9]), at: TestTime.at(seconds: 65))
        #expect(rollup.requests == 32)
        #expect(rollup.errors == 2)
        #expect(rollup.minute == TestTime.at(seconds: 60))
    }

    @Test func counterResetCountsTheNewValue() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 100, "500": 7]), at: TestTime.at(seconds: 0))
        // The process restarted: 200 went back to 4, 500 went back to 1.
        let afterReset = tracker.ingest(
            target: target, body: requests(["200": 4, "500": 1]), at: TestTime.at(seconds: 15))
        #expect(afterReset.requests == 5)
        #expect(afterReset.errors == 1)
        // The new values are the baseline from now on.
        let next = tracker.ingest(target: target, body: requests(["200": 10, "500": 1]), at: TestTime.at(seconds: 30))
        #expect(next.requests == 6)
        #expect(next.errors == 0)
    }

    @Test func resetToZeroCountsNothing() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 50]), at: TestTime.at(seconds: 0))
        let rollup = tracker.ingest(target: target, body: requests(["200": 0]), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 0)
        let next = tracker.ingest(target: target, body: requests(["200": 3]), at: TestTime.at(seconds: 30))
        #expect(next.requests == 3)
    }

    @Test func lazilyCreatedSeriesCountsFromZero() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 100]), at: TestTime.at(seconds: 0))
        // The first 503 was served between the scrapes, creating the series with value 2.
        let rollup = tracker.ingest(
            target: target, body: requests(["200": 110, "503": 2]), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 12)
        #expect(rollup.errors == 2)
    }

    @Test func seriesOfAnEmptyFirstScrapeCountFromZero() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        let first = tracker.ingest(target: target, body: ScrapeBody(), at: TestTime.at(seconds: 0))
        #expect(first.requests == 0)
        #expect(tracker.trackedSeriesCount(target: target) == 0)
        let rollup = tracker.ingest(target: target, body: requests(["200": 3, "500": 1]), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 4)
        #expect(rollup.errors == 1)
    }

    @Test func vanishedSeriesAreForgottenAndCountFromZeroWhenBack() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 100, "500": 7]), at: TestTime.at(seconds: 0))
        let without = tracker.ingest(target: target, body: requests(["200": 101]), at: TestTime.at(seconds: 15))
        #expect(without.requests == 1)
        #expect(tracker.trackedSeriesCount(target: target) == 1)
        let back = tracker.ingest(target: target, body: requests(["200": 101, "500": 2]), at: TestTime.at(seconds: 30))
        #expect(back.requests == 2)
        #expect(back.errors == 2)
        #expect(tracker.trackedSeriesCount(target: target) == 2)
    }

    @Test func staleSeriesDoNotAccumulate() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        for scrape in 0..<50 {
            // Every scrape exposes a different request ID label: only the latest one may be remembered.
            var builder = ScrapeBuilder()
            builder.counter("http_requests_total", ["code": "200", "path": "/item/\(scrape)"], 1)
            builder.counter("http_requests_total", ["code": "200", "path": "/"], Double(scrape))
            _ = tracker.ingest(target: target, body: builder.body, at: TestTime.at(seconds: Double(scrape) * 15))
            #expect(tracker.trackedSeriesCount(target: target) == 2)
        }
    }

    @Test func multipleTargetsSumWhenMerged() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: "a:1", body: requests(["200": 10]), at: TestTime.at(seconds: 1))
        _ = tracker.ingest(target: "b:1", body: requests(["200": 1000, "500": 5]), at: TestTime.at(seconds: 2))
        var minute = tracker.ingest(target: "a:1", body: requests(["200": 25]), at: TestTime.at(seconds: 16))
        minute.merge(
            tracker.ingest(target: "b:1", body: requests(["200": 1010, "500": 8]), at: TestTime.at(seconds: 17)))
        #expect(minute.requests == 15 + 13)
        #expect(minute.errors == 3)
        #expect(minute.scrapes == 2)
        #expect(Set(tracker.trackedTargets) == ["a:1", "b:1"])
    }

    @Test func sameLabelsOnDifferentTargetsAreIndependent() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: "a:1", body: requests(["200": 10]), at: TestTime.at(seconds: 0))
        _ = tracker.ingest(target: "b:1", body: requests(["200": 500]), at: TestTime.at(seconds: 0))
        // a's 20 is an increase of 10 from a's baseline, not a reset relative to b's 500.
        #expect(tracker.ingest(target: "a:1", body: requests(["200": 20]), at: TestTime.at(seconds: 15)).requests == 10)
        #expect(tracker.ingest(target: "b:1", body: requests(["200": 505]), at: TestTime.at(seconds: 15)).requests == 5)
    }

    @Test func forgetMakesTheNextScrapeABaseline() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 10]), at: TestTime.at(seconds: 0))
        tracker.forget(target: target)
        #expect(tracker.trackedSeriesCount(target: target) == nil)
        #expect(tracker.trackedTargets.isEmpty)
        let rollup = tracker.ingest(target: target, body: requests(["200": 40]), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 0)
        #expect(tracker.ingest(target: target, body: requests(["200": 41]), at: TestTime.at(seconds: 30)).requests == 1)
    }

    @Test func afterAGapTheIncreaseGoesToTheScrapesMinute() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 10]), at: TestTime.at(seconds: 0))
        // Scrapes at 15 s … 290 s failed; the next success is in the fifth minute.
        let rollup = tracker.ingest(target: target, body: requests(["200": 70]), at: TestTime.at(seconds: 301))
        #expect(rollup.requests == 60)
        #expect(rollup.minute == TestTime.at(seconds: 300))
    }

    @Test func nonFiniteValuesKeepTheBaseline() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 10]), at: TestTime.at(seconds: 0))
        let nan = tracker.ingest(target: target, body: requests(["200": .nan]), at: TestTime.at(seconds: 15))
        #expect(nan.requests == 0)
        #expect(tracker.trackedSeriesCount(target: target) == 1)
        #expect(tracker.ingest(target: target, body: requests(["200": 12]), at: TestTime.at(seconds: 30)).requests == 2)
    }

    @Test func seriesWithoutAFiniteValueYetCountsFromZero() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": .nan]), at: TestTime.at(seconds: 0))
        _ = tracker.ingest(target: target, body: requests(["200": .infinity]), at: TestTime.at(seconds: 15))
        #expect(tracker.ingest(target: target, body: requests(["200": 7]), at: TestTime.at(seconds: 30)).requests == 7)
        #expect(tracker.ingest(target: target, body: requests(["200": 9]), at: TestTime.at(seconds: 45)).requests == 2)
    }

    @Test func duplicateSeriesInOneScrapeFirstWins() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        _ = tracker.ingest(target: target, body: requests(["200": 10]), at: TestTime.at(seconds: 0))
        var builder = ScrapeBuilder()
        builder.counter("http_requests_total", ["code": "200"], 15)
        builder.counter("http_requests_total", ["code": "200"], 3)
        #expect(tracker.ingest(target: target, body: builder.body, at: TestTime.at(seconds: 15)).requests == 5)
        #expect(tracker.ingest(target: target, body: requests(["200": 16]), at: TestTime.at(seconds: 30)).requests == 1)
    }

    @Test func customSelectorsWithRegexAndNegation() {
        let spec = GoldenSignalSpec(
            requests: Selectors.named(
                "rpc_calls_total", [("service", .equal, "checkout"), ("method", .notEqual, "Health")]),
            errors: Selectors.named(
                "rpc_calls_total", [("service", .equal, "checkout"), ("status", .regexMatch, "ERROR|TIMEOUT")])
        )
        var tracker = GoldenSignalTracker(service: "checkout", spec: spec)
        func body(_ scale: Double) -> ScrapeBody {
            var builder = ScrapeBuilder()
            builder.counter("rpc_calls_total", ["service": "checkout", "method": "Pay", "status": "OK"], 10 * scale)
            builder.counter("rpc_calls_total", ["service": "checkout", "method": "Pay", "status": "ERROR"], 2 * scale)
            builder.counter(
                "rpc_calls_total", ["service": "checkout", "method": "Pay", "status": "TIMEOUT_X"], 3 * scale)
            builder.counter("rpc_calls_total", ["service": "checkout", "method": "Health", "status": "OK"], 50 * scale)
            builder.counter("rpc_calls_total", ["service": "cart", "method": "Pay", "status": "ERROR"], 70 * scale)
            builder.counter("http_requests_total", ["code": "500"], 90 * scale)
            return builder.body
        }
        _ = tracker.ingest(target: target, body: body(1), at: TestTime.at(seconds: 0))
        let rollup = tracker.ingest(target: target, body: body(2), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 10 + 2 + 3)
        // Anchored regex: TIMEOUT_X does not match ERROR|TIMEOUT; the Health call errors would count but are OK.
        #expect(rollup.errors == 2)
    }

    @Test func selectorWithoutMetricName() {
        let spec = GoldenSignalSpec(
            requests: Selectors.matchers([("__name__", .regexMatch, "grpc_.*_handled_total")]),
            errors: Selectors.matchers([
                ("__name__", .regexMatch, "grpc_.*_handled_total"), ("grpc_code", .notEqual, "OK"),
            ])
        )
        var tracker = GoldenSignalTracker(service: "api", spec: spec)
        func body(_ ok: Double, _ failed: Double) -> ScrapeBody {
            var builder = ScrapeBuilder()
            builder.counter("grpc_server_handled_total", ["grpc_code": "OK"], ok)
            builder.counter("grpc_server_handled_total", ["grpc_code": "Unavailable"], failed)
            builder.counter("grpc_server_started_total", [:], ok + failed)
            return builder.body
        }
        _ = tracker.ingest(target: target, body: body(5, 1), at: TestTime.at(seconds: 0))
        let rollup = tracker.ingest(target: target, body: body(9, 4), at: TestTime.at(seconds: 15))
        #expect(rollup.requests == 7)
        #expect(rollup.errors == 3)
    }

    @Test func matchCacheIsBounded() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec(), matchCacheCapacity: 64)
        for scrape in 0..<20 {
            var builder = ScrapeBuilder()
            for series in 0..<30 {
                builder.counter("http_requests_total", ["code": "200", "id": "\(scrape)-\(series)"], 1)
            }
            _ = tracker.ingest(target: target, body: builder.body, at: TestTime.at(seconds: Double(scrape) * 15))
            #expect(tracker.cachedSeriesCount <= 64)
        }
        #expect(tracker.cachedSeriesCount > 0)
    }

    @Test func matchCacheRotationKeepsResultsCorrect() {
        // A cache far smaller than the series count must not change any result.
        let spec = GoldenSignalSpec()
        var small = GoldenSignalTracker(service: "s", spec: spec, matchCacheCapacity: 4)
        var large = GoldenSignalTracker(service: "s", spec: spec)
        for scrape in 0..<6 {
            var builder = ScrapeBuilder()
            for code in 0..<20 {
                builder.counter("http_requests_total", ["code": "\(480 + code)"], Double(scrape * (code + 1)))
            }
            let at = TestTime.at(seconds: Double(scrape) * 15)
            #expect(
                small.ingest(target: target, body: builder.body, at: at)
                    == large.ingest(target: target, body: builder.body, at: at))
        }
    }
}
