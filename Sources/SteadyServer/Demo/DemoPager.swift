import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
public import SteadyModel

/// One notification the demo pager received.
public struct DemoPage: Sendable, Equatable {
    /// `firing` or `resolved` (the webhook body's `status`).
    public var status: String
    /// The `alertname` of every alert in the notification, in order.
    public var alertNames: [String]
    /// `commonLabels` of the notification.
    public var labels: [String: String]
    public var receivedAt: WallInstant
}

/// The demo's webhook receiver: an Alertmanager-compatible webhook endpoint on loopback standing in for a pager.
/// Steady's pipeline delivers to it like to any receiver; each page is kept and reported through `onPage`.
final class DemoPager: Service, Sendable {
    let port: Int
    private let pages = LockedBox<[DemoPage]>([])
    private let onPage: LockedBox<(@Sendable (DemoPage) -> Void)?> = LockedBox(nil)
    private let clock: any WallClock
    private let logger: Logger

    init(port: Int, clock: any WallClock, logger: Logger) {
        self.port = port
        self.clock = clock
        self.logger = logger
    }

    var url: String { "http://127.0.0.1:\(port)/page" }

    func received() -> [DemoPage] { pages.withLock { $0 } }

    func setOnPage(_ hook: @escaping @Sendable (DemoPage) -> Void) { onPage.withLock { $0 = hook } }

    /// Records a webhook body (version 4); false when it is not one.
    @discardableResult
    func record(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let status = object["status"] as? String
        else { return false }
        let alerts = object["alerts"] as? [[String: Any]] ?? []
        let names = alerts.map { ($0["labels"] as? [String: String])?["alertname"] ?? "" }
        let page = DemoPage(
            status: status, alertNames: names, labels: object["commonLabels"] as? [String: String] ?? [:],
            receivedAt: clock.now)
        pages.withLock { $0.append(page) }
        onPage.withLock { $0 }?(page)
        return true
    }

    func run() async throws {
        let router = Router()
        router.post("/page") { [self] request, _ -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 4 << 20)
            return self.record(Data(buffer.readableBytesView)) ? .ok : .badRequest
        }
        var quiet = logger
        quiet.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "demo-pager"),
            logger: quiet)
        try await app.run()
    }
}
