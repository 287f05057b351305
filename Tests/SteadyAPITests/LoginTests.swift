import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Dashboard login")
struct LoginTests {
    static func form(_ fields: String) -> (HTTPFields, ByteBuffer) {
        ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: fields))
    }

    /// `name=value` of the first Set-Cookie header.
    static func cookiePair(_ response: TestResponse) -> String? {
        response.headers[.setCookie]?.split(separator: ";").first.map(String.init)
    }

    @Test("log in → cookie → pages and reads work → logout clears it")
    func flow() async throws {
        let world = TestWorld(anonymousRead: false)
        let secret = try await world.addToken(.responder, name: "alice")
        try await world.run { client in
            let formPage = try await client.execute(uri: "/login?next=%2Fservices%2Fcheckout", method: .get)
            #expect(formPage.status == .ok)
            #expect(formPage.text.contains("name=\"token\""))
            #expect(formPage.text.contains("value=\"/services/checkout\""))

            let (headers, body) = Self.form("token=\(secret)&next=%2Fservices%2Fcheckout")
            let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/services/checkout")
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.hasPrefix("steady_token=\(secret)"))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"))

            let cookie: HTTPFields = [.cookie: try #require(Self.cookiePair(login))]
            let page = try await client.execute(uri: "/services/checkout", method: .get, headers: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("alice (responder)"))
            let whoami = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: cookie)
            #expect(whoami.json["name"] as? String == "alice")

            // The cookie never authorises a change: that needs the bearer header.
            let post = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: cookie,
                body: jsonBody(["kind": "annotation", "message": "via cookie"]))
            #expect(post.status == .unauthorized)
            #expect(world.store.storedEvents.isEmpty)

            let logout = try await client.execute(uri: "/logout", method: .get, headers: cookie)
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.location] == "/login")
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(Self.cookiePair(logout) == "steady_token=")
        }
    }

    @Test("a wrong token re-renders the form with 401 and sets no cookie")
    func wrongToken() async throws {
        let world = TestWorld(anonymousRead: false)
        try await world.addToken(.viewer)
        try await world.run { client in
            let (headers, body) = Self.form("token=stdy_wrong&next=%2F")
            let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("That token is not valid."))
            #expect(response.headers[.setCookie] == nil)
        }
    }

    @Test("open redirects and cross-origin logins are refused; HTTPS sets Secure")
    func hardening() async throws {
        let world = TestWorld(anonymousRead: false)
        let secret = try await world.addToken(.viewer)
        try await world.run { client in
            let (headers, body) = Self.form("token=\(secret)&next=%2F%2Fevil.example%2F")
            let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(login.headers[.location] == "/")

            var crossOrigin = headers
            crossOrigin[.origin] = "https://evil.example"
            let refused = try await client.execute(uri: "/login", method: .post, headers: crossOrigin, body: body)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.setCookie] == nil)

            var sameOrigin = headers
            sameOrigin[.origin] = "http://localhost"
            let accepted = try await client.execute(uri: "/login", method: .post, headers: sameOrigin, body: body)
            #expect(accepted.status == .seeOther)

            var https = headers
            https[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let secure = try await client.execute(uri: "/login", method: .post, headers: https, body: body)
            #expect(secure.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("a revoked cookie sends the browser back to the login form and clears the cookie")
    func revokedCookie() async throws {
        let world = TestWorld(anonymousRead: false)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: "steady_token=stdy_revoked"])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2F")
            #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
        }
    }
}
