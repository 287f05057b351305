import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SteadyModel
import Synchronization
import Testing

@testable import SteadyNotify

/// A Hummingbird server on 127.0.0.1 answering with fixed statuses and recording what it received.
final class RecordingServer: Sendable {
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: [UInt8]
    }

    private let state = Mutex<[Received]>([])
    var received: [Received] { state.withLock { $0 } }

    func run<T: Sendable>(_ body: @Sendable @escaping (Int) async throws -> T) async throws -> T {
        let router = Router()
        let statuses: [String: (HTTPResponse.Status, [(String, String)])] = [
            "/ok": (.ok, []), "/fail": (.internalServerError, []), "/bad": (.badRequest, []),
            "/busy": (.tooManyRequests, [("Retry-After", "7")]),
            "/busy-date": (.serviceUnavailable, [("Retry-After", "Tue, 14 Nov 2023 22:20:00 GMT")]),
            "/slack-error": (.ok, [("Content-Type", "application/json")]),
            "/redirect": (.found, [("Location", "/ok")]),
        ]
        for (path, (status, extra)) in statuses {
            router.post(RouterPath(path)) { request, _ -> Response in
                let buffer = try await request.body.collect(upTo: 1 << 20)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
                self.state.withLock {
                    $0.append(Received(path: path, headers: headers, body: Array(buffer.readableBytesView)))
                }
                var responseHeaders = HTTPFields()
                for (name, value) in extra { responseHeaders[HTTPField.Name(name)!] = value }
                let text = path == "/slack-error" ? #"{"ok":false,"error":"channel_not_found"}"# : "answer for \(path)"
                return Response(
                    status: status, headers: responseHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        let ports = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "recording-server")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ports.continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            do {
                let result = try await body(port)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

@Suite("HTTP delivery over loopback")
struct HTTPDeliveryTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)  // 2023-11-14T22:13:20Z

    func sender() -> NotificationSender {
        var logger = Logger(label: "notify-test")
        logger.logLevel = .critical
        return NotificationSender(httpClient: .shared, clock: ManualWallClock(now: Self.now), logger: logger)
    }

    func attempt(_ integration: IntegrationConfig) -> NotificationAttempt {
        NotificationAttempt(
            notification: Fixtures.notification(), integration: integration, attempt: 1, dedupKey: "dk-1")
    }

    @Test("webhook statuses are classified: 2xx delivered, 5xx retryable, 4xx permanent, 429 with Retry-After")
    func classification() async throws {
        let server = RecordingServer()
        let sender = sender()
        try await server.run { port in
            func webhook(_ path: String) -> IntegrationConfig {
                .webhook(WebhookConfig(url: Secret("http://127.0.0.1:\(port)\(path)")))
            }
            let ok = await sender.send(attempt(webhook("/ok")))
            #expect(ok.kind == .delivered)
            #expect(ok.status == 200)
            let fail = await sender.send(attempt(webhook("/fail")))
            #expect(fail.kind == .retryable)
            #expect(fail.status == 500)
            #expect(fail.message.contains("answer for /fail"))
            let bad = await sender.send(attempt(webhook("/bad")))
            #expect(bad.kind == .permanent)
            #expect(bad.status == 400)
            let busy = await sender.send(attempt(webhook("/busy")))
            #expect(busy.kind == .retryable)
            #expect(busy.retryAfter == .seconds(7))
            let busyDate = await sender.send(attempt(webhook("/busy-date")))
            #expect(busyDate.kind == .retryable)
            #expect(busyDate.retryAfter == .seconds(400))
        }
    }

    @Test("the webhook request carries the exact body, the dedup key, the signature and credentials")
    func webhookRequest() async throws {
        let server = RecordingServer()
        let sender = sender()
        try await server.run { port in
            let config = WebhookConfig(
                url: Secret("http://127.0.0.1:\(port)/ok"),
                http: HTTPClientSettings(authorization: .basic(username: "steady", password: "pw")),
                hmacSecret: "s3cret")
            let result = await sender.send(attempt(.webhook(config)))
            #expect(result.kind == .delivered)
        }
        let request = try #require(server.received.first)
        #expect(request.body == WebhookPayload.encode(Fixtures.notification()))
        #expect(request.headers["idempotency-key"] == "dk-1")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Basic " + Data("steady:pw".utf8).base64EncodedString())
        let signature = try #require(request.headers[WebhookSignature.headerName.lowercased()])
        #expect(WebhookSignature.verify(header: signature, body: request.body, secret: "s3cret"))
    }

    @Test("connection failures are retryable; malformed URLs are permanent")
    func transportFailures() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        // AsyncHTTPClient keeps retrying a refused connection until the request deadline: keep it short.
        let refused = await sender().send(
            attempt(
                .webhook(
                    WebhookConfig(
                        url: Secret("http://127.0.0.1:\(port)/"),
                        http: HTTPClientSettings(timeout: .milliseconds(300))))))
        #expect(refused.kind == .retryable)
        let malformed = await sender().send(attempt(.webhook(WebhookConfig(url: "ftp://example.com/x"))))
        #expect(malformed.kind == .permanent)
        #expect(!malformed.message.contains("example.com"))
    }

    @Test("Slack and PagerDuty deliver their rendered bodies with bearer credentials")
    func slackAndPagerDuty() async throws {
        let server = RecordingServer()
        let sender = sender()
        try await server.run { port in
            let slack = await sender.send(attempt(.slack(SlackConfig(apiURL: Secret("http://127.0.0.1:\(port)/ok")))))
            #expect(slack.kind == .delivered)
            let slackError = await sender.send(
                attempt(.slack(SlackConfig(apiURL: Secret("http://127.0.0.1:\(port)/slack-error")))))
            #expect(slackError.kind == .permanent)
            let pagerDuty = await sender.send(
                attempt(
                    .pagerduty(
                        PagerDutyConfig(
                            routingKey: "R1", url: "http://127.0.0.1:\(port)/ok",
                            http: HTTPClientSettings(authorization: .credentials(type: "Bearer", credentials: "t0k")))))
            )
            #expect(pagerDuty.kind == .delivered)
        }
        let received = server.received
        #expect(received.count == 3)
        let slackBody = try SlackPayload.encode(
            Fixtures.notification(), config: SlackConfig(apiURL: "x"), templates: .defaults)
        #expect(received[0].body == slackBody)
        let pagerDutyBody = try PagerDutyPayload.encode(
            Fixtures.notification(), config: PagerDutyConfig(routingKey: "R1"), templates: .defaults)
        #expect(received[2].body == pagerDutyBody)
        #expect(received[2].headers["authorization"] == "Bearer t0k")
    }

    @Test("a template error is permanent and sends nothing")
    func templateError() async throws {
        let server = RecordingServer()
        let sender = sender()
        try await server.run { port in
            var config = SlackConfig(apiURL: Secret("http://127.0.0.1:\(port)/ok"))
            config.title = "{{ .Nope }}"
            let result = await sender.send(attempt(.slack(config)))
            #expect(result.kind == .permanent)
            #expect(result.message.contains("can't evaluate field Nope"))
        }
        #expect(server.received.isEmpty)
    }
}
