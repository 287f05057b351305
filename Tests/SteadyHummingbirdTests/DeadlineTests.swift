import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import SteadyHummingbird
import Synchronization
import Testing

@Suite("Request deadlines")
struct DeadlineTests {
    static let timeout = TestSupport.field("x-request-timeout")
    static let grpcTimeout = TestSupport.field("grpc-timeout")

    /// A router whose handler reports the deadline it sees (remaining milliseconds on `clock`, or `none`).
    static func makeApplication(
        clock: ManualClock, timeout: Duration?, started: Locked<Int>
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestDeadlineMiddleware(timeout: timeout, mode: .deadlineOnly, clock: clock))
        router.get("/deadline") { _, _ -> String in
            started.update { $0 += 1 }
            guard let remaining = Deadline.current?.remaining(on: clock) else { return "none" }
            return "\(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)"
        }
        return Application(router: router)
    }

    @Test(
        "The caller's timeout becomes the task-local Deadline; the tighter of header and configuration wins",
        arguments: [
            ("250m", nil, "250"), ("2S", nil, "2000"), ("1M", nil, "60000"), ("250m", 100, "100"),
            ("250m", 1000, "250"), (nil, 300, "300"), (nil, nil, "none"), ("soon", nil, "none"),
            ("123456789m", nil, "none"),
        ] as [(String?, Int?, String)])
    func propagates(header: String?, configured: Int?, expected: String) async throws {
        let started = Locked(0)
        let app = Self.makeApplication(
            clock: ManualClock(), timeout: configured.map { .milliseconds($0) }, started: started)
        try await app.test(.router) { client in
            var headers = HTTPFields()
            if let header { headers[Self.timeout] = header }
            let response = try await client.execute(uri: "/deadline", method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(TestSupport.string(response.body) == expected)
        }
    }

    @Test("grpc-timeout is accepted too")
    func grpcTimeout() async throws {
        let started = Locked(0)
        let app = Self.makeApplication(clock: ManualClock(), timeout: nil, started: started)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/deadline", method: .get, headers: [Self.grpcTimeout: "40m"])
            #expect(TestSupport.string(response.body) == "40")
        }
    }

    @Test("A request whose deadline is already used up is answered 504 and its handler never starts")
    func expiredIsNotStarted() async throws {
        let started = Locked(0)
        let app = Self.makeApplication(clock: ManualClock(), timeout: .seconds(5), started: started)
        try await app.test(.router) { client in
            for value in ["0m", "0n", "0S"] {
                let response = try await client.execute(uri: "/deadline", method: .get, headers: [Self.timeout: value])
                #expect(response.status == .gatewayTimeout)
                #expect(try TestSupport.errorCode(response.body) == "deadline_exceeded")
            }
            #expect(started.value == 0)
            let fine = try await client.execute(uri: "/deadline", method: .get, headers: [Self.timeout: "1m"])
            #expect(fine.status == .ok)
            #expect(started.value == 1)
        }
    }

    @Test("In cancelling mode a handler that outlives its deadline is cancelled and answered 504")
    func cancelsSlowHandler() async throws {
        let clock = ManualClock()
        let router = Router()
        router.add(middleware: RequestDeadlineMiddleware(timeout: .seconds(1), mode: .cancelling, clock: clock))
        router.get("/slow") { _, _ -> String in
            try await clock.sleep(for: .seconds(60))
            return "finished"
        }
        try await Application(router: router).test(.router) { client in
            async let response = client.execute(uri: "/slow", method: .get, headers: [Self.timeout: "200m"])
            // Two sleepers: the handler's 60 s and the deadline timer.
            await clock.waitForSleepers(count: 2)
            clock.advance(by: .milliseconds(200))
            let answered = try await response
            #expect(answered.status == .gatewayTimeout)
        }
    }

    @Test("Timeout header values parse and format in gRPC syntax")
    func headerSyntax() {
        #expect(RequestTimeoutHeader.parse("250m") == .milliseconds(250))
        #expect(RequestTimeoutHeader.parse("3H") == .seconds(10_800))
        #expect(RequestTimeoutHeader.parse("7u") == .microseconds(7))
        #expect(RequestTimeoutHeader.parse("99999999n") == .nanoseconds(99_999_999))
        for invalid in ["", "m", "12", "1.5S", "-1S", "123456789S", "10s", " 1S"] {
            #expect(RequestTimeoutHeader.parse(invalid) == nil, "\(invalid)")
        }
        #expect(RequestTimeoutHeader.format(.milliseconds(250)) == "250000u")
        #expect(RequestTimeoutHeader.format(.nanoseconds(1500)) == "1500n")
        #expect(RequestTimeoutHeader.format(.seconds(2)) == "2000000u")
        #expect(RequestTimeoutHeader.format(.seconds(-1)) == "0n")
        for duration: Duration in [.milliseconds(1), .seconds(90), .seconds(86_400 * 30), .nanoseconds(5)] {
            let text = RequestTimeoutHeader.format(duration)
            #expect(text.count <= 9)
            let parsed = try? #require(RequestTimeoutHeader.parse(text))
            #expect(parsed.map { $0 >= duration } == true, "\(text)")
        }
    }

    @Test("Huge timeouts format as the largest value the syntax has instead of overflowing")
    func formatClampsHugeDurations() throws {
        #expect(RequestTimeoutHeader.format(.seconds(Int64.max)) == "99999999H")
        #expect(RequestTimeoutHeader.format(.seconds(10_000_000_000)) == "2777778H")
        #expect(RequestTimeoutHeader.format(.seconds(9_300_000_000)) == "2583334H")
        let largest = try #require(RequestTimeoutHeader.parse("99999999H"))
        #expect(RequestTimeoutHeader.format(largest) == "99999999H")
        #expect(RequestTimeoutHeader.format(largest + .seconds(3600)) == "99999999H")
        #expect(RequestTimeoutHeader.format(.nanoseconds(Int64.max)) == "2562048H")
        #expect(RequestTimeoutHeader.remaining(on: ManualClock()) == nil)
    }

    /// A router whose `/own-timeout` handler fails with its own downstream `timedOut` well before the deadline and
    /// whose `/late` handler moves the clock past any deadline before answering.
    static func makeFailingApplication(
        clock: ManualClock, metrics: HTTPServerMetrics, mode: Timeout<ManualClock>.Mode
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(
            middleware: RequestDeadlineMiddleware(timeout: .seconds(5), mode: mode, clock: clock, metrics: metrics))
        router.get("/own-timeout") { _, _ -> String in throw ResilienceError.timedOut }
        router.get("/late") { _, _ -> String in
            clock.advance(by: .seconds(10))
            return "late"
        }
        return Application(router: router)
    }

    @Test(
        "A handler's own timeout is not turned into a 504 for the request's deadline",
        arguments: [
            Timeout<ManualClock>.Mode.deadlineOnly, .cancelling,
        ])
    func ownTimeoutPassesThrough(mode: Timeout<ManualClock>.Mode) async throws {
        let metrics = RecordingMetrics()
        let app = Self.makeFailingApplication(
            clock: ManualClock(), metrics: HTTPServerMetrics(factory: metrics), mode: mode)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/own-timeout", method: .get)
            #expect(response.status == .internalServerError)
        }
        #expect(metrics.keys(prefix: HTTPServerMetrics.rejectedName).isEmpty)
    }

    @Test("In deadline-only mode a handler that finishes after the deadline is answered 504")
    func lateHandlerIsAnswered504() async throws {
        let metrics = RecordingMetrics()
        let app = Self.makeFailingApplication(
            clock: ManualClock(), metrics: HTTPServerMetrics(factory: metrics), mode: .deadlineOnly)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/late", method: .get, headers: [Self.timeout: "100m"])
            #expect(response.status == .gatewayTimeout)
            #expect(try TestSupport.errorCode(response.body) == "deadline_exceeded")
        }
        #expect(
            metrics.value(HTTPServerMetrics.rejectedName, [("reason", "deadline"), ("criticality", "CRITICAL")]) == 1)
    }
}
