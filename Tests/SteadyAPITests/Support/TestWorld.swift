import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SteadyAPI
import SteadyModel
import Synchronization

struct FakeInternalError: Error, CustomStringConvertible {
    var description: String { "database file /secret/path is corrupt" }
}

/// A Steady API over an in-memory store, a manual clock and scripted live state.
final class TestWorld: Sendable {
    static let start = WallInstant(secondsSinceEpoch: 1_700_000_000)
    static let hostileName = #"<script>alert("x")</script>"#

    let store = InMemoryStore()
    let clock = ManualWallClock(now: TestWorld.start)
    let anonymousRead: Mutex<Bool>
    let ready = Mutex(true)
    let reloadOutcome = Mutex<Result<String, FakeReloadError>>(.success("configuration reloaded"))
    let signalCalls = Mutex<[(String, WallInstant, WallInstant, Duration)]>([])
    let services: [ServiceSpec]
    let targets: [TargetHealth]
    let slo: SLOAccess

    struct FakeReloadError: Error, CustomStringConvertible {
        var description: String
    }

    let alerting: AlertAccess

    init(anonymousRead: Bool = false, slo: SLOAccess = .none, alerting: AlertAccess = .none) {
        self.anonymousRead = Mutex(anonymousRead)
        self.slo = slo
        self.alerting = alerting
        let checkout = ServiceSpec(
            name: "checkout", description: "The checkout API",
            scrape: ScrapeSpec(targets: ["127.0.0.1:8081", "127.0.0.1:8082"], interval: .seconds(10)),
            slos: [
                SLOSpec(
                    name: "availability", service: "checkout", objective: 99.9,
                    sli: .ratio(
                        errors: try! SeriesSelector(
                            metricName: "http_requests_total",
                            matchers: [
                                LabelMatcher(name: "code", op: .regexMatch, value: "5..")
                            ]), good: nil, total: SeriesSelector(metricName: "http_requests_total")))
            ])
        services = [
            checkout,
            ServiceSpec(name: TestWorld.hostileName, description: "<b>bold</b> & co"),
            ServiceSpec(name: "broken"),
        ]
        targets = [
            TargetHealth(
                service: "checkout", url: "http://127.0.0.1:8081/metrics", health: .up, lastScrape: TestWorld.start,
                lastScrapeDurationSeconds: 0.004, samplesScraped: 120, intervalSeconds: 10),
            TargetHealth(
                service: "checkout", url: "http://127.0.0.1:8082/metrics", health: .down,
                lastError: "connection refused <tag>", intervalSeconds: 10, consecutiveFailures: 3),
            TargetHealth(service: TestWorld.hostileName, url: "http://127.0.0.1:9/metrics", intervalSeconds: 15),
        ]
    }

    static func signals(_ start: WallInstant, _ end: WallInstant, index: Int) -> GoldenSignals {
        GoldenSignals(
            start: start, end: end, requestRate: 10 + Double(index % 5), requests: 600, errors: 6, errorRatio: 0.01,
            latencyP50: 0.012, latencyP95: 0.080, latencyP99: index % 7 == 3 ? nil : 0.250, latencyMean: 0.02,
            saturation: 0.4, saturationMax: 0.6)
    }

    func dependencies() -> APIDependencies {
        let services = self.services
        let targets = self.targets
        var deps = APIDependencies(
            store: store,
            clock: clock,
            services: { services },
            targets: { targets },
            signals: { [self] service, start, end, step in
                self.signalCalls.withLock { $0.append((service, start, end, step)) }
                if service == "broken" { throw FakeInternalError() }
                var points: [GoldenSignals] = []
                var time = start
                var index = 0
                while time < end {
                    points.append(TestWorld.signals(time, time.advanced(by: step), index: index))
                    time = time.advanced(by: step)
                    index += 1
                }
                return points
            },
            currentSignals: { [clock] service in
                if service == "broken" { throw FakeInternalError() }
                let now = clock.now
                return TestWorld.signals(now.advanced(by: .seconds(-300)), now, index: 0)
            },
            reload: { [self] in try self.reloadOutcome.withLock { $0 }.get() },
            isReady: { [self] in self.ready.withLock { $0 } },
            anonymousRead: { [self] in self.anonymousRead.withLock { $0 } },
            metricsText: { "# TYPE steady_up gauge\nsteady_up 1\n" },
            version: "0.0.0-test"
        )
        deps.slo = slo
        deps.alerting = alerting
        return deps
    }

    /// Stores a token directly and returns its secret.
    @discardableResult
    func addToken(_ role: Role, name: String? = nil) async throws -> String {
        let secret = TokenSecrets.generate()
        try await store.insertToken(
            APIToken(
                id: "tok_\(role.rawValue)_\(UUID().uuidString.prefix(8))", name: name ?? "\(role.rawValue)-token",
                role: role, secretHash: TokenSecrets.hash(secret), createdAt: clock.now))
        return secret
    }

    func run(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let logger = Logger(label: "steady.api.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(router: buildRouter(dependencies(), logger: logger), logger: logger)
        try await app.test(.router) { client in try await test(client) }
    }
}

// MARK: - Request and response helpers

func bearer(_ secret: String) -> HTTPFields {
    [.authorization: "Bearer \(secret)"]
}

func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `error.code` of a JSON error body.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
}
