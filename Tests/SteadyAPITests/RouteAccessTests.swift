import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Route table access control")
struct RouteAccessTests {
    /// A request body that is valid for the route, so the "right role" check reaches the handler.
    static func body(for route: RouteSpec, secret: String) -> ByteBuffer? {
        switch (route.method, route.path) {
        case (.post, "/api/v1/events"): jsonBody(["kind": "annotation", "message": "walk"])
        case (.post, "/api/v1/tokens"): jsonBody(["name": "walk-\(UUID().uuidString)", "role": "viewer"])
        case (.post, "/login"): ByteBuffer(string: "token=\(secret)&next=%2F")
        default: nil
        }
    }

    @Test("every route: 401 without a token, 403 below its role, neither at or above it")
    func walk() async throws {
        let world = TestWorld(anonymousRead: false)
        var secrets: [Role: String] = [:]
        for role in Role.allCases { secrets[role] = try await world.addToken(role) }
        let roleSecrets = secrets
        #expect(SteadyRoutes.all.count >= 20)
        try await world.run { client in
            for route in SteadyRoutes.all {
                let uri = route.samplePath(filling: "checkout")
                let admin = roleSecrets[.admin]!
                // No token
                let anonymous = try await client.execute(
                    uri: uri, method: route.method, body: Self.body(for: route, secret: admin))
                switch (route.access, route.kind) {
                case (.open, _):
                    #expect(anonymous.status != .unauthorized && anonymous.status != .forbidden, "\(route)")
                case (.role, .page):
                    #expect(anonymous.status == .seeOther, "\(route)")
                    #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true, "\(route)")
                case (.role, _):
                    #expect(anonymous.status == .unauthorized, "\(route)")
                    #expect(anonymous.errorCode == "unauthorized", "\(route)")
                    #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(route)")
                }
                guard case .role(let required) = route.access else { continue }
                for role in Role.allCases {
                    let response = try await client.execute(
                        uri: uri, method: route.method, headers: bearer(roleSecrets[role]!),
                        body: Self.body(for: route, secret: admin))
                    if role < required {
                        #expect(response.status == .forbidden, "\(route) as \(role)")
                        #expect(response.errorCode == "forbidden", "\(route) as \(role)")
                    } else {
                        #expect(
                            response.status != .unauthorized && response.status != .forbidden,
                            "\(route) as \(role): \(response.status)")
                    }
                }
            }
        }
    }

    @Test("anonymous read admits viewer routes only")
    func anonymousRead() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            for route in SteadyRoutes.all {
                guard case .role(let required) = route.access else { continue }
                let response = try await client.execute(
                    uri: route.samplePath(filling: "checkout"), method: route.method,
                    body: Self.body(for: route, secret: ""))
                if required == .viewer {
                    #expect(response.status != .unauthorized && response.status != .seeOther, "\(route)")
                } else {
                    #expect(response.status == .unauthorized, "\(route)")
                }
            }
        }
    }

    @Test("turning anonymous read off takes effect on the next request")
    func anonymousReadToggle() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let on = try await client.execute(uri: "/api/v1/services", method: .get)
            #expect(on.status == .ok)
            let whoami = try await client.execute(uri: "/api/v1/whoami", method: .get)
            #expect(whoami.json["authenticated"] as? Bool == false)
            world.anonymousRead.withLock { $0 = false }
            let off = try await client.execute(uri: "/api/v1/services", method: .get)
            #expect(off.status == .unauthorized)
        }
    }

    @Test("an invalid token is refused even when anonymous read is on")
    func invalidTokenWithAnonymousRead() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/services", method: .get, headers: bearer("stdy_not-a-real-token"))
            #expect(response.status == .unauthorized)
            let basic = try await client.execute(
                uri: "/api/v1/services", method: .get, headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(basic.status == .unauthorized)
            #expect(basic.errorMessage?.contains("Bearer") == true)
        }
    }

    @Test("route paths match their own sample paths and nothing longer")
    func matching() {
        let route = RouteSpec(.get, "/api/v1/services/:name/signals", .role(.viewer), .api)
        #expect(route.matches(path: "/api/v1/services/checkout/signals"))
        #expect(route.matches(path: "/api/v1/services/checkout/signals/"))
        #expect(!route.matches(path: "/api/v1/services/checkout"))
        #expect(!route.matches(path: "/api/v1/services/checkout/signals/x"))
        #expect(route.samplePath(filling: "a") == "/api/v1/services/a/signals")
    }
}
