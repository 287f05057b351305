import Foundation
import NIOCore
import NIOSSL
import SteadyModel
import SteadyProbes
import Testing

@Suite struct ProbeMonitorTests {
    static let now = WallInstant.at("2026-05-01T12:00:00Z")

    static func httpsProbe(threshold: Int = 3) -> ProbeSpec {
        ProbeSpec(
            name: "shop", kind: .http(ProbeSpec.HTTPCheck(url: "https://shop.example.com/")),
            failureThreshold: threshold, service: "checkout", labels: Labels(["severity": "page"]))
    }

    @Test func failsAfterConsecutiveFailuresAndResolvesOnSuccess() throws {
        var monitor = ProbeMonitor(spec: Self.httpsProbe())
        let failure = ProbeOutcome(success: false, latency: .milliseconds(3), error: "connection refused")
        #expect(monitor.record(failure, at: Self.now).isEmpty)
        #expect(monitor.record(failure, at: Self.now.advanced(by: .seconds(30))).isEmpty)
        let actions = monitor.record(failure, at: Self.now.advanced(by: .seconds(60)))
        try #require(actions.count == 1)
        guard case .fire(let alert) = actions[0] else {
            Issue.record("expected a firing alert")
            return
        }
        #expect(
            alert.labels
                == Labels([
                    "alertname": "ProbeFailed", "probe": "shop", "instance": "https://shop.example.com/",
                    "service": "checkout", "severity": "page",
                ]))
        #expect(alert.startsAt == Self.now)
        #expect(alert.annotations["description"]?.contains("3 consecutive runs") == true)
        #expect(monitor.record(failure, at: Self.now.advanced(by: .seconds(90))).isEmpty)
        let recovered = monitor.record(
            ProbeOutcome(success: true, latency: .milliseconds(2), statusCode: 200),
            at: Self.now.advanced(by: .seconds(120)))
        #expect(recovered.map(\.alert.endsAt) == [Self.now.advanced(by: .seconds(120))])
        #expect(monitor.consecutiveFailures == 0)
        #expect(monitor.status.up == true)
    }

    @Test func anInterruptedStreakDoesNotFire() {
        var monitor = ProbeMonitor(spec: Self.httpsProbe(threshold: 2))
        let failure = ProbeOutcome(success: false, latency: .zero, error: "timed out")
        let success = ProbeOutcome(success: true, latency: .zero)
        for step in 0..<10 {
            let outcome = step.isMultiple(of: 2) ? failure : success
            #expect(monitor.record(outcome, at: Self.now.advanced(by: .seconds(step * 30))).isEmpty)
        }
    }

    @Test func warnsBeforeTheCertificateExpiresAndResolvesWhenRenewed() throws {
        var monitor = ProbeMonitor(spec: Self.httpsProbe())
        let notAfter = Self.now.advanced(by: .seconds(20 * 86_400))
        let ok = ProbeOutcome(success: true, latency: .zero, statusCode: 200, certificateNotAfter: notAfter)
        // 20 days left, 14-day threshold: quiet.
        #expect(monitor.record(ok, at: Self.now).isEmpty)
        // 10 days left.
        let later = Self.now.advanced(by: .seconds(10 * 86_400))
        let fired = monitor.record(ok, at: later)
        try #require(fired.count == 1)
        #expect(fired[0].alert.name == "TLSCertificateExpiring")
        #expect(fired[0].alert.startsAt == notAfter.advanced(by: .seconds(-14 * 86_400)))
        #expect(
            fired[0].alert.annotations["summary"] == "TLS certificate of https://shop.example.com/ expires in 10 days")
        // A run without certificate information changes nothing.
        #expect(
            monitor.record(ProbeOutcome(success: true, latency: .zero), at: later.advanced(by: .seconds(60))).isEmpty)
        // Renewed for 90 days.
        let renewed = ProbeOutcome(
            success: true, latency: .zero, certificateNotAfter: later.advanced(by: .seconds(90 * 86_400)))
        let resolved = monitor.record(renewed, at: later.advanced(by: .seconds(120)))
        #expect(resolved.map(\.alert.name) == ["TLSCertificateExpiring"])
        #expect(resolved.first?.alert.isFiring == false)
    }

    @Test func expiryWarningCanBeTurnedOff() {
        var check = ProbeSpec.HTTPCheck(url: "https://shop.example.com/")
        check.tlsExpiryWarning = nil
        var monitor = ProbeMonitor(spec: ProbeSpec(name: "shop", kind: .http(check)))
        let expired = ProbeOutcome(success: true, latency: .zero, certificateNotAfter: Self.now)
        #expect(monitor.record(expired, at: Self.now).isEmpty)
    }
}

@Suite struct ProbeRunnerTests {
    @Test func httpProbesCheckTheStatusRange() async throws {
        let server = LoopbackServer()
        try await server.run { port in
            let runner = ProbeRunner()
            let ok = await runner.run(
                ProbeSpec(name: "ok", kind: .http(ProbeSpec.HTTPCheck(url: "http://127.0.0.1:\(port)/ok"))),
                inspectCertificate: true)
            #expect(ok.success)
            #expect(ok.statusCode == 200)
            #expect(ok.certificateNotAfter == nil)
            let failing = await runner.run(
                ProbeSpec(name: "fail", kind: .http(ProbeSpec.HTTPCheck(url: "http://127.0.0.1:\(port)/fail"))),
                inspectCertificate: true)
            #expect(!failing.success)
            #expect(failing.statusCode == 500)
            #expect(failing.error == "status 500, expected 200-399")
            let accepted = await runner.run(
                ProbeSpec(
                    name: "fail-ok",
                    kind: .http(ProbeSpec.HTTPCheck(url: "http://127.0.0.1:\(port)/fail", expectedStatus: 500...599))),
                inspectCertificate: false)
            #expect(accepted.success)
        }
        #expect(server.received == ["GET /ok", "GET /fail", "GET /fail"])
    }

    @Test func tcpProbesConnect() async throws {
        let server = LoopbackServer()
        let closed = try await closedPort()
        try await server.run { port in
            let runner = ProbeRunner()
            let open = await runner.run(
                ProbeSpec(name: "open", kind: .tcp(host: "127.0.0.1", port: port)), inspectCertificate: false)
            #expect(open.success)
            let refused = await runner.run(
                ProbeSpec(name: "closed", kind: .tcp(host: "127.0.0.1", port: closed)), inspectCertificate: false)
            #expect(!refused.success)
            #expect(refused.error != nil)
        }
    }

    @Test func readsTheCertificateExpiryOfATLSServer() async throws {
        let (channel, port) = try await TLSFixture.startServer()
        defer { channel.close(promise: nil) }
        let expected = WallInstant(
            nanosecondsSinceEpoch: Int64(try TLSFixture.certificate().notValidAfter) * 1_000_000_000)
        let inspected = try await TLSCertificateInspector().notAfter(
            host: "127.0.0.1", port: port, timeout: .seconds(30))
        #expect(inspected == expected)

        let runner = ProbeRunner()
        // Verification skipped: the request succeeds and the expiry is reported.
        var insecure = ProbeSpec.HTTPCheck(url: "https://127.0.0.1:\(port)/")
        insecure.insecureSkipVerify = true
        let ok = await runner.run(ProbeSpec(name: "tls", kind: .http(insecure)), inspectCertificate: true)
        #expect(ok.success)
        #expect(ok.statusCode == 200)
        #expect(ok.certificateNotAfter == expected)
        // Verified: the self-signed certificate fails the request, but its expiry is still reported.
        let strict = await runner.run(
            ProbeSpec(
                name: "tls", kind: .http(ProbeSpec.HTTPCheck(url: "https://localhost:\(port)/")), timeout: .seconds(3)),
            inspectCertificate: true)
        // AsyncHTTPClient retries failed connections until the deadline, then reports the handshake error.
        #expect(strict.error?.contains("CERTIFICATE_VERIFY_FAILED") == true)
        #expect(!strict.success)
        #expect(strict.certificateNotAfter == expected)
    }
}

@Suite struct ProbeServiceTests {
    @Test func runsOnTheIntervalAndReportsAvailabilityAndAlerts() async throws {
        let closed = try await closedPort()
        let clock = ManualWallClock(now: .at("2026-05-01T12:00:00Z"))
        let alerts = Collector<Alert>()
        let samples = Collector<AvailabilitySample>()
        let probe = ProbeSpec(
            name: "db", kind: .tcp(host: "127.0.0.1", port: closed), interval: .seconds(30), timeout: .seconds(5),
            failureThreshold: 2, service: "checkout")
        let service = ProbeService(
            probes: [probe], clock: clock, emit: { alerts.append(contentsOf: $0) },
            recordAvailability: { samples.append($0) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await service.run() }
            #expect(await eventually { clock.sleeperCount == 1 && samples.count == 1 })
            #expect(alerts.count == 0)
            await clock.advance(by: .seconds(30))
            #expect(await eventually { clock.sleeperCount == 1 && samples.count == 2 })
            group.cancelAll()
        }
        #expect(
            samples.all == [
                AvailabilitySample(
                    service: "checkout", probe: "db", at: .at("2026-05-01T12:00:00Z"), good: 0, total: 1),
                AvailabilitySample(
                    service: "checkout", probe: "db", at: .at("2026-05-01T12:00:30Z"), good: 0, total: 1),
            ])
        #expect(alerts.all.map(\.name) == ["ProbeFailed"])
        #expect(alerts.all.first?.startsAt == .at("2026-05-01T12:00:00Z"))
        #expect(service.statuses().map(\.consecutiveFailures) == [2])
        #expect(service.firingAlerts().count == 1)
    }
}
