import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import SteadyHummingbird
import Testing

@Suite("Admission control")
struct AdmissionTests {
    static let criticality = TestSupport.field("x-criticality")
    static let timeout = TestSupport.field("x-request-timeout")

    /// `/work` waits at `gate` when called with `?hold`; it answers with the criticality it runs under.
    static func makeRouter(
        admission: AdmissionControlMiddleware<BasicRequestContext, ManualClock>,
        clock: ManualClock,
        gate: Gate,
        deadlineMode: Timeout<ManualClock>.Mode = .deadlineOnly
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestDeadlineMiddleware(timeout: nil, mode: deadlineMode, clock: clock))
        router.add(middleware: admission)
        router.get("/work") { request, _ -> String in
            if request.uri.queryParameters["hold"] != nil { await gate.enter() }
            return (Criticality.current ?? .default).headerValue
        }
        return router
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
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(policy: policy, clock: clock)
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

    @Test("Without criticality admission every class is treated alike, but the handler still sees the declared class")
    func criticalityIgnored() async throws {
        let clock = ManualClock()
        let admission = AdmissionControlMiddleware<BasicRequestContext, ManualClock>(
            policy: .staticLimit(1), clock: clock)
        let gate = Gate()
        let app = Application(router: Self.makeRouter(admission: admission, clock: clock, gate: gate))
        try await app.test(.router) { client in
            let sheddable = try await client.execute(
                uri: "/work", method: .get, headers: [Self.criticality: "SHEDDABLE"])
            #expect(sheddable.status == .ok)
            #expect(TestSupport.string(sheddable.body) == "SHEDDABLE")
        }
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
