import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import ResilienceMetrics
import SteadyHummingbird
import Testing

@Suite("Admission control")
struct AdmissionTests {
    static let criticality = TestSupport.field("x-criticality")
    static let timeout = TestSupport.field("x-request-timeout")

    /// `/work` waits at `gate` when called with `?hold`; it answers with the criticality it runs under. `/sleep`
    /// sleeps a minute on `clock`; `/late` moves `clock` a second on and answers. `faults`, when given, runs inside
    /// admission control.
    static func makeRouter(
        admission: AdmissionControlMiddleware<BasicRequestContext, ManualClock>,
        clock: ManualClock,
        gate: Gate,
        deadlineMode: Timeout<ManualClock>.Mode = .deadlineOnly,
        faults: HTTPFaultSwitch<ManualClock>? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestDeadlineMiddleware(timeout: nil, mode: deadlineMode, clock: clock))
        router.add(middleware: admission)
        if let faults { router.add(middleware: HTTPFaultMiddleware(faults: faults)) }
        router.get("/work") { request, _ -> String in
            if request.uri.queryParameters["hold"] != nil { await gate.enter() }
            return (Criticality.current ?? .default).headerValue
        }
        router.get("/sleep") { _, _ -> String in
            try await clock.sleep(for: .seconds(60))
            return "slept"
        }
        router.get("/late") { _, _ -> String in
            clock.advance(by: .seconds(1))
            return "late"
        }
        return router
    }

    /// An AIMD shedder (no queue): a drop halves the limit, a success with at least half the limit in flight adds one.
    static func aimdAdmission(
        initialLimit: Int, clock: ManualClock, metrics: HTTPServerMetrics? = nil
    ) -> AdmissionControlMiddleware<BasicRequestContext, ManualClock> {
        let configuration = AdmissionStateMachine<ManualClock.Instant>.Configuration(
            algorithm: .aimd(AIMDLimit.Configuration(initialLimit: initialLimit, backoffRatio: 0.5)),
            maxQueueLength: 0)
        return AdmissionControlMiddleware(
            shedder: LoadShedder(configuration: configuration, clock: clock), readsCriticality: false, metrics: metrics)
    }

    @Test("Over a static limit requests are answered 503 with Retry-After and a JSON error, and counted")
    func staticLimitRejects() async throws {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let serverMetrics = HTTPServerMetrics(factory: metrics)
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            policy: .staticLimit(2), clock: clock, retryAfter: .milliseconds(2_500), metrics: serverMetrics)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            async let first = client.execute(uri: "/work?hold", method: .get)
            async let second = client.execute(uri: "/work?hold", method: .get)
            #expect(await eventually { gate.entered == 2 })
            let rejected = try await client.execute(uri: "/work", method: .get)
            #expect(rejected.status == .serviceUnavailable)
            #expect(rejected.headers[.retryAfter] == "3")
            #expect(rejected.headers[TestSupport.field("X-Request-ID")] != nil)
            #expect(try TestSupport.errorCode(rejected.body) == "overloaded")
            gate.open()
            #expect(try await first.status == .ok)
            #expect(try await second.status == .ok)
            #expect(try await client.execute(uri: "/work", method: .get).status == .ok)
            #expect(admission.shedder.inFlight == 0)
        }
        #expect(metrics.value(HTTPServerMetrics.rejectedName, [("reason", "shed"), ("criticality", "CRITICAL")]) == 1)
        #expect(metrics.value(HTTPServerMetrics.concurrencyLimitName) == 2)
    }

    @Test("Under load sheddable traffic is shed while critical traffic is still admitted")
    func criticalityShedding() async throws {
        let clock = ManualClock()
        // Limit 10: sheddable may fill ⌈10 × 0.5⌉ = 5 slots, critical 9, critical-plus all 10. No queue.
        let policy = AdmissionPolicy.adaptiveWithCriticality(
            GradientLimit.Configuration(initialLimit: 10, minLimit: 1, maxLimit: 10), maxQueueLength: 0,
            shares: CriticalityShares())
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            policy: policy, clock: clock, maximumCriticality: .criticalPlus)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await client.execute(
                            uri: "/work?hold", method: .get, headers: [Self.criticality: "SHEDDABLE"]
                        ).status
                    }
                }
                #expect(await eventually { gate.entered == 5 })
                let shed = try await client.execute(
                    uri: "/work", method: .get, headers: [Self.criticality: "sheddable"])
                #expect(shed.status == .serviceUnavailable)
                #expect(shed.headers[.retryAfter] == "1")

                let critical = try await client.execute(uri: "/work", method: .get)
                #expect(critical.status == .ok)
                #expect(TestSupport.string(critical.body) == "CRITICAL")

                for _ in 0..<4 {
                    group.addTask {
                        try await client.execute(
                            uri: "/work?hold", method: .get, headers: [Self.criticality: "CRITICAL"]
                        )
                        .status
                    }
                }
                #expect(await eventually { gate.entered == 9 })
                let criticalFull = try await client.execute(
                    uri: "/work", method: .get, headers: [Self.criticality: "CRITICAL"])
                #expect(criticalFull.status == .serviceUnavailable)
                let plus = try await client.execute(
                    uri: "/work", method: .get, headers: [Self.criticality: "CRITICAL_PLUS"])
                #expect(plus.status == .ok)
                #expect(TestSupport.string(plus.body) == "CRITICAL_PLUS")

                gate.open()
                for try await status in group { #expect(status == .ok) }
            }
        }
    }

    @Test("Without criticality admission every class is admitted as CRITICAL, and the handler sees that class")
    func criticalityIgnored() async throws {
        let clock = ManualClock()
        // Criticality shares of a limit of 2: SHEDDABLE may hold one slot, CRITICAL both.
        let configuration = AdmissionStateMachine<ManualClock.Instant>.Configuration(
            algorithm: .fixed(2), shares: CriticalityShares(), maxQueueLength: 0)
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            shedder: LoadShedder(configuration: configuration, clock: clock), readsCriticality: false)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            async let held = client.execute(uri: "/work?hold", method: .get, headers: [Self.criticality: "SHEDDABLE"])
            #expect(await eventually { gate.entered == 1 })
            let second = try await client.execute(uri: "/work", method: .get, headers: [Self.criticality: "SHEDDABLE"])
            #expect(second.status == .ok)
            #expect(TestSupport.string(second.body) == "CRITICAL")
            gate.open()
            #expect(try await held.status == .ok)
        }
    }

    @Test("Callers cannot claim CRITICAL_PLUS unless the service allows it")
    func criticalPlusIsCapped() async throws {
        let clock = ManualClock()
        for (maximum, expected) in [(nil, "CRITICAL"), (Criticality.criticalPlus, "CRITICAL_PLUS")] {
            let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
                policy: .adaptiveWithCriticality(), clock: clock, maximumCriticality: maximum ?? .critical)
            let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: Gate()))
            try await app.test(.router) { client in
                let response = try await client.execute(
                    uri: "/work", method: .get, headers: [Self.criticality: "CRITICAL_PLUS"])
                #expect(response.status == .ok)
                #expect(TestSupport.string(response.body) == expected)
            }
        }
    }

    @Test("In cancelling mode a request cancelled by its deadline counts as a drop and lowers the limit")
    func cancelledTimeoutLowersLimit() async throws {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let admission = Self.aimdAdmission(initialLimit: 10, clock: clock, metrics: HTTPServerMetrics(factory: metrics))
        let app = Application(
            router: Self.makeRouter(admission: admission, clock: clock, gate: Gate(), deadlineMode: .cancelling))
        try await app.test(.router) { client in
            async let response = client.execute(uri: "/sleep", method: .get, headers: [Self.timeout: "200m"])
            // Two sleepers: the handler's minute and the deadline timer.
            await clock.waitForSleepers(count: 2)
            clock.advance(by: .milliseconds(200))
            let answered = try await response
            #expect(answered.status == .gatewayTimeout)
        }
        #expect(admission.shedder.limit == 5)
        #expect(admission.shedder.inFlight == 0)
        #expect(metrics.value(HTTPServerMetrics.concurrencyLimitName) == 5)
    }

    @Test("In deadline-only mode a request that finishes after its deadline is answered 504 and counts as a drop")
    func lateFinishIsDropped() async throws {
        let clock = ManualClock()
        let admission = Self.aimdAdmission(initialLimit: 10, clock: clock)
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: Gate()))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/late", method: .get, headers: [Self.timeout: "200m"])
            #expect(response.status == .gatewayTimeout)
            #expect(try TestSupport.errorCode(response.body) == "deadline_exceeded")
        }
        #expect(admission.shedder.limit == 5)
    }

    @Test("Injected faults (500 injected_fault, 503 unavailable) do not feed the adaptive limit")
    func injectedFaultsAreIgnored() async throws {
        let clock = ManualClock()
        let admission = Self.aimdAdmission(initialLimit: 2, clock: clock)
        let faults = HTTPFaultSwitch(clock: clock, logger: TestSupport.logger)
        let app = Application(
            router: Self.makeRouter(admission: admission, clock: clock, gate: Gate(), faults: faults))
        try await app.test(.router) { client in
            try faults.set(HTTPFaults(errorRatio: 1), ttl: nil)
            #expect(try await client.execute(uri: "/work", method: .get).status == .internalServerError)
            try faults.set(HTTPFaults(unavailable: true), ttl: nil)
            #expect(try await client.execute(uri: "/work", method: .get).status == .serviceUnavailable)
            #expect(admission.shedder.limit == 2)
            // A real success with one of two slots in flight raises the AIMD limit, so the check above can fail.
            faults.clear()
            #expect(try await client.execute(uri: "/work", method: .get).status == .ok)
            #expect(admission.shedder.limit == 3)
        }
    }

    @Test("Admissions, rejections and the limit are reported through ResilienceMetrics, by criticality")
    func resilienceMetrics() async throws {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let recorder = ResilienceMetrics(factory: metrics).loadShedder(name: "api")
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            policy: .staticLimit(2), clock: clock, admissionMetrics: recorder)
        #expect(metrics.value("resilience_loadshedder_limit", [("name", "api")]) == 2)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            async let first = client.execute(uri: "/work?hold", method: .get)
            async let second = client.execute(uri: "/work?hold", method: .get)
            #expect(await eventually { gate.entered == 2 })
            let rejected = try await client.execute(uri: "/work", method: .get)
            #expect(rejected.status == .serviceUnavailable)
            gate.open()
            #expect(try await first.status == .ok)
            #expect(try await second.status == .ok)
        }
        let critical = [("name", "api"), ("criticality", "CRITICAL")]
        #expect(metrics.value("resilience_loadshedder_admitted_total", critical) == 2)
        #expect(metrics.value("resilience_loadshedder_queued_total", critical) == 0)
        #expect(
            metrics.value(RecordingMetrics.key("resilience_loadshedder_queue_wait_seconds", critical) + "#sum") == 0)
        #expect(
            metrics.value(
                "resilience_rejections_total",
                [("name", "api"), ("strategy", "loadshedder"), ("reason", "shed"), ("criticality", "CRITICAL")]) == 1)
        #expect(metrics.value("resilience_loadshedder_limit", [("name", "api")]) == 2)
    }

    @Test("A request that waits in the queue is counted as queued, with its wait")
    func queuedAdmissionIsRecorded() async throws {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let recorder = ResilienceMetrics(factory: metrics).loadShedder(name: "api")
        let configuration = AdmissionPolicy.codel(limit: 1, maxQueueLength: 8).configuration(
            codel: CoDelStateMachine<ManualClock.Instant>.Configuration(
                target: .seconds(5), interval: .seconds(10), longTimeout: .seconds(60)))
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            shedder: LoadShedder(configuration: configuration, clock: clock), readsCriticality: false,
            admissionMetrics: recorder)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            async let holder = client.execute(uri: "/work?hold", method: .get)
            #expect(await eventually { gate.entered == 1 })
            async let queued = client.execute(uri: "/work", method: .get, headers: [Self.criticality: "SHEDDABLE"])
            #expect(await eventually { admission.shedder.queueLength == 1 })
            clock.advance(by: .milliseconds(40))
            gate.open()
            let answers = try await [holder.status, queued.status]
            #expect(answers == [.ok, .ok])
        }
        // The policy ignores criticality: both are admitted as CRITICAL.
        let critical = [("name", "api"), ("criticality", "CRITICAL")]
        #expect(metrics.value("resilience_loadshedder_admitted_total", critical) == 2)
        #expect(metrics.value("resilience_loadshedder_queued_total", critical) == 1)
        let wait = RecordingMetrics.key("resilience_loadshedder_queue_wait_seconds", critical)
        #expect(metrics.value(wait + "#count") == 2)
        #expect(metrics.value(wait + "#sum").map { ($0 * 1000).rounded() } == 40)
    }

    @Test("The concurrency limit gauge is published at startup, before any request")
    func limitGaugeAtStartup() {
        let metrics = RecordingMetrics()
        _ = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            policy: .staticLimit(7), clock: ManualClock(), metrics: HTTPServerMetrics(factory: metrics))
        #expect(metrics.value(HTTPServerMetrics.concurrencyLimitName) == 7)
    }

    @Test("A request whose deadline passes while it queues is answered 504 and never starts")
    func expiredInQueueIsNotStarted() async throws {
        let clock = ManualClock()
        let configuration = AdmissionPolicy.codel(limit: 1, maxQueueLength: 8).configuration(
            codel: CoDelStateMachine<ManualClock.Instant>.Configuration(
                target: .seconds(5), interval: .seconds(10), longTimeout: .seconds(60)))
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            shedder: LoadShedder(configuration: configuration, clock: clock), readsCriticality: false)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            async let holder = client.execute(uri: "/work?hold", method: .get)
            #expect(await eventually { gate.entered == 1 })
            async let queued = client.execute(uri: "/work?hold", method: .get, headers: [Self.timeout: "100m"])
            #expect(await eventually { admission.shedder.queueLength == 1 })
            clock.advance(by: .milliseconds(150))
            gate.open()
            #expect(try await holder.status == .ok)
            let expired = try await queued
            #expect(expired.status == .gatewayTimeout)
            #expect(try TestSupport.errorCode(expired.body) == "deadline_exceeded")
            #expect(gate.entered == 1)
            #expect(admission.shedder.inFlight == 0)
        }
    }

    @Test("Resilience errors map to HTTP: overload → 503 + Retry-After, deadlines → 504")
    func errorMapping() {
        #expect(ResilienceHTTPError.from(AdaptiveResilienceError.shed)?.status == .serviceUnavailable)
        #expect(ResilienceHTTPError.from(AdaptiveResilienceError.queueTimeout)?.headers[.retryAfter] == "1")
        #expect(
            ResilienceHTTPError.from(ResilienceError.bulkheadFull, retryAfter: .seconds(4))?.headers[.retryAfter] == "4"
        )
        #expect(ResilienceHTTPError.from(ResilienceError.deadlineExceeded)?.status == .gatewayTimeout)
        #expect(ResilienceHTTPError.from(ResilienceError.timedOut)?.code == "deadline_exceeded")
        #expect(ResilienceHTTPError.from(CancellationError()) == nil)
        #expect(ResilienceHTTPError.overloaded(retryAfter: .milliseconds(1)).headers[.retryAfter] == "1")
    }
}
