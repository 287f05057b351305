/// Where the load goes: a plain-HTTP URL on a loopback address. Anything else is refused, so the generator cannot
/// be pointed at someone else's service.
struct LoadTarget: Sendable, Hashable {
    var host: String
    var port: Int
    var path: String

    /// Parses `http://HOST:PORT/PATH` where HOST is `localhost`, `127.x.x.x` or `[::1]`.
    init(url: String) throws(LoadGenError) {
        guard url.hasPrefix("http://") else { throw .invalid("target must be an http:// URL, got '\(url)'") }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        var host: String
        var portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalid("bad IPv6 address in '\(url)'") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        } else {
            host = authority
        }
        guard Self.isLoopback(host) else {
            throw .invalid(
                "refusing non-loopback host '\(host)': steady-loadgen only targets 127.0.0.0/8, ::1 or localhost")
        }
        if host == "localhost" { host = "127.0.0.1" }
        let port = portText.map { Int($0) } ?? 80
        guard let port, (1...65_535).contains(port) else { throw .invalid("bad port in '\(url)'") }
        self.host = host
        self.port = port
        self.path = path
    }

    /// The `Host` header value: `HOST:PORT`, with an IPv6 address in brackets (`[::1]:8081`).
    var hostHeader: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in UInt8(octet) != nil }
    }
}

/// A command-line mistake.
struct LoadGenError: Error, CustomStringConvertible {
    var description: String

    static func invalid(_ message: String) -> LoadGenError { LoadGenError(description: message) }
}
