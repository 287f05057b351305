import NIOCore
import NIOHTTP1
import SteadyModel
import Testing

@testable import SteadyNotify

/// The kept-alive client for plain-HTTP receivers, against a server that scripts its bytes.
@Suite("Keep-alive HTTP client", .timeLimit(.minutes(1)))
struct KeepAliveHTTPClientTests {
    static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    static func post(
        _ client: KeepAliveHTTPClient, _ port: Int, _ path: String, body: String = "{}",
        timeout: Duration = .seconds(10)
    ) async throws -> KeepAliveHTTPClient.Response {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        return try await client.post(
            host: "127.0.0.1", port: port, path: path, headers: headers, body: Array(body.utf8), timeout: timeout)
    }

    @Test func requestsShareOneConnection() async throws {
        let server = ScriptedHTTPServer { _, _ in .answer(Self.ok) }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            for index in 0..<3 {
                let response = try await Self.post(client, port, "/hook?n=\(index)", body: #"{"n":\#(index)}"#)
                #expect(response.status == 200)
                #expect(response.body == Array("ok".utf8))
            }
            #expect(client.idleCount(host: "127.0.0.1", port: port) == 1)
        }
        #expect(server.connections == 1)
        #expect(server.received.map(\.sequence) == [1, 2, 3])
        let first = try #require(server.received.first)
        #expect(first.head.hasPrefix("POST /hook?n=0 HTTP/1.1\r\n"))
        #expect(first.head.contains("\r\nHost: 127.0.0.1:"))
        #expect(first.head.contains("\r\nContent-Length: 7"))
        #expect(first.head.contains("\r\nContent-Type: application/json"))
        #expect(server.received.map(\.body) == [#"{"n":0}"#, #"{"n":1}"#, #"{"n":2}"#])
    }

    @Test func aHostNameGoesThroughTheResolver() async throws {
        let server = ScriptedHTTPServer { _, _ in .answer(Self.ok) }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            let response = try await client.post(
                host: "localhost", port: port, path: "/", headers: HTTPHeaders(), body: [], timeout: .seconds(10))
            #expect(response.status == 200)
            #expect(client.idleCount(host: "localhost", port: port) == 1)
        }
        #expect(server.received.first?.head.contains("\r\nHost: localhost:") == true)
    }

    @Test func chunkedAndCloseDelimitedBodiesAreRead() async throws {
        let server = ScriptedHTTPServer { line, _ in
            if line.contains("/chunked") {
                return .answer(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            }
            return .answer(
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nConnection: close\r\n\r\nbusy", close: true)
        }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            let chunked = try await Self.post(client, port, "/chunked")
            #expect(chunked.status == 200)
            #expect(String(decoding: chunked.body, as: UTF8.self) == "hello world")
            let busy = try await Self.post(client, port, "/busy")
            #expect(busy.status == 503)
            #expect(busy.headers.first(name: "Retry-After") == "7")
            #expect(String(decoding: busy.body, as: UTF8.self) == "busy")
            // The receiver said close: the connection is not kept.
            #expect(client.idleCount(host: "127.0.0.1", port: port) == 0)
            let again = try await Self.post(client, port, "/chunked")
            #expect(again.status == 200)
        }
        #expect(server.connections == 2)
    }

    @Test func aHugeResponseIsCutShortAndItsConnectionDropped() async throws {
        let size = 2 << 20
        let server = ScriptedHTTPServer { _, _ in
            .answer("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n" + String(repeating: "x", count: size))
        }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            let response = try await Self.post(client, port, "/huge")
            #expect(response.status == 200)
            #expect(response.body.count == KeepAliveHTTPClient.bodyLimit)
            #expect(client.idleCount(host: "127.0.0.1", port: port) == 0)
            let again = try await Self.post(client, port, "/huge")
            #expect(again.status == 200)
        }
        #expect(server.connections == 2)
    }

    @Test func aConnectionClosedUnderARequestIsRetriedOnANewOne() async throws {
        // Each connection answers its first request and hangs up on the second, as a server that closed an idle
        // connection just as the next request arrived.
        let server = ScriptedHTTPServer { _, sequence in sequence == 1 ? .answer(Self.ok) : .hangUp }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            let first = try await Self.post(client, port, "/a", body: "one")
            let second = try await Self.post(client, port, "/a", body: "two")
            #expect(first.status == 200)
            #expect(second.status == 200)
        }
        #expect(server.connections == 2)
        #expect(
            server.received.map { "\($0.connection).\($0.sequence) \($0.body)" } == ["1.1 one", "1.2 two", "2.1 two"])
    }

    @Test func aFreshConnectionThatHangsUpIsAFailureNotARetry() async throws {
        let server = ScriptedHTTPServer { _, _ in .hangUp }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            await #expect(throws: KeepAliveHTTPClient.Failure.self) { try await Self.post(client, port, "/gone") }
        }
        #expect(server.connections == 1)
    }

    @Test func aSilentReceiverTimesOut() async throws {
        let server = ScriptedHTTPServer { _, _ in .silence }
        let client = KeepAliveHTTPClient()
        try await server.run { port in
            let error = await #expect(throws: KeepAliveHTTPClient.Failure.self) {
                try await Self.post(client, port, "/slow", timeout: .milliseconds(200))
            }
            #expect(error?.description.contains("timed out") == true)
            #expect(client.idleCount(host: "127.0.0.1", port: port) == 0)
        }
    }

    @Test func aRefusedConnectionFailsAtOnce() async throws {
        let server = ScriptedHTTPServer { _, _ in .silence }
        let port = try await server.run { port in port }
        let client = KeepAliveHTTPClient()
        await #expect(throws: KeepAliveHTTPClient.Failure.self) {
            try await Self.post(client, port, "/", timeout: .seconds(5))
        }
    }

    @Test func plainTargetsAreOnlyCredentialFreeHTTPURLs() {
        #expect(
            HTTPPoster.PlainTarget("http://127.0.0.1:9093/hook?a=b%20c")
                == HTTPPoster.PlainTarget(host: "127.0.0.1", port: 9093, path: "/hook?a=b%20c"))
        #expect(HTTPPoster.PlainTarget("http://example.com")?.path == "/")
        #expect(HTTPPoster.PlainTarget("http://example.com")?.port == 80)
        #expect(HTTPPoster.PlainTarget("http://[::1]:8080/x")?.host == "::1")
        #expect(HTTPPoster.PlainTarget("https://example.com/") == nil)
        #expect(HTTPPoster.PlainTarget("http://user:secret@example.com/") == nil)
        #expect(HTTPPoster.PlainTarget("ftp://example.com/") == nil)
    }
}
