/// Prometheus's `tls_config` as a notifier uses it: the CA that verifies the server, a client certificate and key,
/// the name the server is verified against (and sent as SNI), the TLS versions allowed, and `insecure_skip_verify`.
///
/// PEM text is carried, not paths: `ca_file`, `cert_file` and `key_file` are read when the configuration is loaded
/// (a missing file is a configuration error), and the path is kept only to show where the text came from. The key
/// is a ``Secret``: it is encoded as `<secret>`.
///
/// ```yaml
/// http_config:
///   tls_config:
///     ca_file: /etc/steady/hooks-ca.pem
///     cert_file: /etc/steady/client.pem
///     key_file: /etc/steady/client-key.pem
///     server_name: hooks.internal
///     min_version: TLS12
/// ```
public struct TLSSettings: Sendable, Hashable, Encodable {
    /// A TLS protocol version, spelled as in Prometheus (`TLS10` … `TLS13`).
    public enum Version: String, Sendable, Hashable, Comparable, CaseIterable, Encodable {
        case tls10 = "TLS10"
        case tls11 = "TLS11"
        case tls12 = "TLS12"
        case tls13 = "TLS13"

        public static func < (lhs: Version, rhs: Version) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// PEM certificates that replace the system's trust roots for this integration (`ca` or `ca_file`).
    public var ca: String?
    /// Where ``ca`` was read from (`ca_file`), for display.
    public var caFile: String?
    /// The PEM client certificate chain (`cert` or `cert_file`); set together with ``key``.
    public var cert: String?
    /// Where ``cert`` was read from (`cert_file`), for display.
    public var certFile: String?
    /// The PEM private key of ``cert`` (`key` or `key_file`).
    public var key: Secret?
    /// Where ``key`` was read from (`key_file`), for display.
    public var keyFile: String?
    /// The name the server's certificate must carry, also sent as SNI (`server_name`); nil: the URL's host.
    public var serverName: String?
    /// `insecure_skip_verify`: no certificate verification at all.
    public var insecureSkipVerify: Bool
    /// The lowest version offered (`min_version`); nil: the TLS library's default (TLS 1.2).
    public var minVersion: Version?
    /// The highest version offered (`max_version`); nil: the newest supported.
    public var maxVersion: Version?

    public init(
        ca: String? = nil, caFile: String? = nil, cert: String? = nil, certFile: String? = nil, key: Secret? = nil,
        keyFile: String? = nil, serverName: String? = nil, insecureSkipVerify: Bool = false,
        minVersion: Version? = nil, maxVersion: Version? = nil
    ) {
        self.ca = ca
        self.caFile = caFile
        self.cert = cert
        self.certFile = certFile
        self.key = key
        self.keyFile = keyFile
        self.serverName = serverName
        self.insecureSkipVerify = insecureSkipVerify
        self.minVersion = minVersion
        self.maxVersion = maxVersion
    }

    /// Whether nothing is set: the notifier then uses its client's default TLS configuration.
    public var isDefault: Bool { self == TLSSettings() }

    private enum CodingKeys: String, CodingKey {
        case ca, caFile = "ca_file", cert, certFile = "cert_file", key, keyFile = "key_file"
        case serverName = "server_name", insecureSkipVerify = "insecure_skip_verify"
        case minVersion = "min_version", maxVersion = "max_version"
    }

    /// Encodes the file paths where the PEM text came from a file, the inline certificates otherwise, and never the
    /// key (`<secret>`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let caFile {
            try container.encode(caFile, forKey: .caFile)
        } else {
            try container.encodeIfPresent(ca, forKey: .ca)
        }
        if let certFile {
            try container.encode(certFile, forKey: .certFile)
        } else {
            try container.encodeIfPresent(cert, forKey: .cert)
        }
        if let keyFile {
            try container.encode(keyFile, forKey: .keyFile)
        } else {
            try container.encodeIfPresent(key, forKey: .key)
        }
        try container.encodeIfPresent(serverName, forKey: .serverName)
        try container.encode(insecureSkipVerify, forKey: .insecureSkipVerify)
        try container.encodeIfPresent(minVersion, forKey: .minVersion)
        try container.encodeIfPresent(maxVersion, forKey: .maxVersion)
    }
}
