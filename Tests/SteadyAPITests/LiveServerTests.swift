import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Live server on loopback")
struct LiveServerTests {
    @Test("auth, JSON errors, request ids and the dashboard over real HTTP")
    func live() async throws {
        let world = TestWorld(anonymousRead: false)
        let viewer = try await world.addToken(.viewer, name: "live-viewer")
        let logger = Logger(label: "steady.api.live-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: buildRouter(world.dependencies(), logger: logger),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            let healthy = try await client.execute(uri: "/-/healthy", method: .get)
            #expect(healthy.status == .ok)
            #expect(healthy.headers[.xRequestIDForTests]?.count == 32)

            let denied = try await client.execute(uri: "/api/v1/services", method: .get)
            #expect(denied.status == .unauthorized)
            #expect(denied.errorCode == "unauthorized")

            let services = try await client.execute(uri: "/api/v1/services", method: .get, headers: bearer(viewer))
            #expect(services.status == .ok)
            #expect((services.json["services"] as? [Any])?.count == 3)

            let missing = try await client.execute(uri: "/missing", method: .get, headers: bearer(viewer))
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")

            let page = try await client.execute(
                uri: "/services/checkout?range=1h", method: .get, headers: bearer(viewer))
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
        }
    }
}
