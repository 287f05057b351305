import Foundation

/// Validation of `host:port` pairs and URLs written in the configuration.
enum NetworkAddress {
    struct HostPort: Equatable {
        /// The host without IPv6 brackets (`::1`, not `[::1]`).
        var host: String
        var port: Int
    }

    /// Parses `host:port`, `1.2.3.4:80` or `[::1]:4040`; the error text says what is wrong.
    static func hostPort(_ text: String, allowPortZero: Bool) -> Result<HostPort, Problem> {
        guard !text.isEmpty else { return .failure(Problem("the address is empty")) }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return .failure(Problem("missing ] after the IPv6 address"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(Problem("missing :port after ]")) }
            portText = rest.dropFirst()
            guard isIPv6(host) else { return .failure(Problem("'\(host)' is not an IPv6 address")) }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(Problem("missing :port")) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                return .failure(Problem("IPv6 addresses must be written in brackets, like [::1]:4040"))
            }
            guard !host.isEmpty else { return .failure(Problem("missing host before :port")) }
            guard isHostname(host) else { return .failure(Problem("'\(host)' is not a valid host name or address")) }
        }
        guard let port = port(portText) else { return .failure(Problem("'\(portText)' is not a port number")) }
        let lowest = allowPortZero ? 0 : 1
        guard port >= lowest, port <= 65_535 else {
            return .failure(Problem("port \(port) is out of range \(lowest)–65535"))
        }
        return .success(HostPort(host: String(host), port: port))
    }

    /// Whether `text` is an absolute `http` or `https` URL with a host (and a valid port, when given).
    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        if let port = components.port, !(1...65_535).contains(port) { return false }
        return text.lowercased().hasPrefix(scheme + "://")
    }

    /// Whether `text` is a PostgreSQL connection URL (`postgres://` or `postgresql://`).
    static func isPostgresURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return false
        }
        return (scheme == "postgres" || scheme == "postgresql") && text.contains("://")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    private static func isHostname(_ host: Substring) -> Bool {
        guard host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-" else { return false }
            return label.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D
                    || $0 == 0x5F
            }
        }
    }

    private static func isIPv6(_ host: Substring) -> Bool {
        let address = host.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
        guard let body = address.first, body.contains(":"), body.utf8.count <= 45 else { return false }
        if address.count == 2, address[1].isEmpty { return false }
        return body.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x3A
                || $0 == 0x2E
        }
    }

    struct Problem: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
