/// An active check Steady runs on an interval: an HTTP request or a TCP connect.
///
/// Each run is one availability event (good or bad) for `service`, and `failureThreshold` consecutive failures
/// raise a `ProbeFailed` alert.
///
/// ```swift
/// let probe = ProbeSpec(
///     name: "checkout-home",
///     kind: .http(ProbeSpec.HTTPCheck(url: "https://shop.example.com/", expectedStatus: 200...299)),
///     interval: .seconds(30), service: "checkout")
/// ```
public struct ProbeSpec: Sendable, Equatable, Identifiable {
    /// What a probe does.
    public enum Kind: Sendable, Equatable {
        case http(HTTPCheck)
        /// Opens a TCP connection to `host:port` and closes it.
        case tcp(host: String, port: Int)
    }

    /// An HTTP(S) request whose response status must fall in `expectedStatus`.
    public struct HTTPCheck: Sendable, Equatable {
        public var url: String
        /// `GET`, `HEAD`, `POST`, …
        public var method: String
        public var expectedStatus: ClosedRange<Int>
        /// For `https` URLs: warn (`TLSCertificateExpiring`) when the server certificate expires within this;
        /// nil turns the check off.
        public var tlsExpiryWarning: Duration?
        /// Skips certificate verification (self-signed endpoints); the expiry check still runs.
        public var insecureSkipVerify: Bool

        public init(
            url: String, method: String = "GET", expectedStatus: ClosedRange<Int> = 200...399,
            tlsExpiryWarning: Duration? = .seconds(14 * 86_400), insecureSkipVerify: Bool = false
        ) {
            self.url = url
            self.method = method
            self.expectedStatus = expectedStatus
            self.tlsExpiryWarning = tlsExpiryWarning
            self.insecureSkipVerify = insecureSkipVerify
        }
    }

    /// Unique name, used as the `probe` label of alerts.
    public var name: String
    public var kind: Kind
    public var interval: Duration
    /// Deadline for one run (connect + TLS + response).
    public var timeout: Duration
    /// Consecutive failed runs before `ProbeFailed` fires.
    public var failureThreshold: Int
    /// The service whose availability this probe measures; nil for a probe that only alerts.
    public var service: String?
    public var labels: Labels
    public var annotations: Labels

    public var id: String { name }

    public init(
        name: String, kind: Kind, interval: Duration = .seconds(30), timeout: Duration = .seconds(10),
        failureThreshold: Int = 3, service: String? = nil, labels: Labels = Labels(), annotations: Labels = Labels()
    ) {
        self.name = name
        self.kind = kind
        self.interval = interval
        self.timeout = timeout
        self.failureThreshold = failureThreshold
        self.service = service
        self.labels = labels
        self.annotations = annotations
    }

    /// `url` for HTTP probes, `host:port` for TCP probes (IPv6 hosts in brackets).
    public var target: String {
        switch kind {
        case .http(let check): check.url
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
