import Foundation
import SteadyModel
import Yams

/// Prometheus's `tls_config` (`prometheus/common` `TLSConfig`) for the receivers' `http_config` and for email.
///
/// As in Prometheus: at most one of `ca`/`ca_file`, `cert`/`cert_file`, `key`/`key_file`; a client certificate
/// needs its key and a key its certificate; `min_version`/`max_version` are `TLS10` … `TLS13` and `max_version` may
/// not be below `min_version`. Unlike `amtool check-config` 0.25, which does not open them, the files are read (and
/// the PEM text checked) when the configuration is loaded, so a missing or unreadable file is a configuration error
/// with its position rather than a failure when the first notification is sent.
///
/// ```swift
/// let tls = try ReceiverParser.tlsSettings(node, path: "receivers[0].webhook_configs[0].http_config.tls_config",
///                                          reader: &reader)
/// ```
extension ReceiverParser {
    static let tlsKeys = [
        "ca", "ca_file", "cert", "cert_file", "key", "key_file", "server_name", "insecure_skip_verify", "min_version",
        "max_version",
    ]

    static func tlsSettings(
        _ node: Node, path: String, reader: inout YAMLNodeReader
    ) throws(ConfigError)
        -> TLSSettings
    {
        let fields = try ReceiverFields(node, path: path, allowed: tlsKeys, reader: reader)
        var tls = TLSSettings()
        tls.insecureSkipVerify = try fields.bool("insecure_skip_verify", reader: reader) ?? false
        if let name = try fields.string("server_name", reader: reader), !name.isEmpty { tls.serverName = name }

        if let ca = try fields.secret("ca", file: "ca_file", reader: reader) {
            tls.caFile = try fields.string("ca_file", reader: reader)
            let key = tls.caFile == nil ? "ca" : "ca_file"
            guard Self.containsPEMCertificate(ca.value) else {
                throw reader.failure(
                    "\(path).\(key): unable to use specified CA cert\(tls.caFile.map { " \($0)" } ?? ""): "
                        + "expected PEM certificates (-----BEGIN CERTIFICATE-----)", at: fields.node(key))
            }
            tls.ca = ca.value
        }

        let cert = try fields.secret("cert", file: "cert_file", reader: reader)
        let key = try fields.secret("key", file: "key_file", reader: reader)
        let certKey = fields.has("cert_file") ? "cert_file" : "cert"
        let keyKey = fields.has("key_file") ? "key_file" : "key"
        switch (cert, key) {
        case (.some, nil):
            throw reader.failure(
                "\(path): exactly one of key or key_file must be configured when a client certificate is configured",
                at: fields.keyNodes[certKey])
        case (nil, .some):
            throw reader.failure(
                "\(path): exactly one of cert or cert_file must be configured when a client key is configured",
                at: fields.keyNodes[keyKey])
        case (.some(let cert), .some(let key)):
            guard Self.containsPEMCertificate(cert.value) else {
                throw reader.failure(
                    "\(path).\(certKey): unable to use specified client cert: expected a PEM certificate "
                        + "(-----BEGIN CERTIFICATE-----)", at: fields.node(certKey))
            }
            // Never echo the key: only say what was expected.
            guard Self.containsPEMPrivateKey(key.value) else {
                throw reader.failure(
                    "\(path).\(keyKey): unable to use specified client key: expected a PEM private key "
                        + "(-----BEGIN … PRIVATE KEY-----)", at: fields.node(keyKey))
            }
            tls.cert = cert.value
            tls.certFile = try fields.string("cert_file", reader: reader)
            tls.key = key
            tls.keyFile = try fields.string("key_file", reader: reader)
        case (nil, nil):
            break
        }

        tls.minVersion = try version("min_version", fields, path, reader: reader)
        tls.maxVersion = try version("max_version", fields, path, reader: reader)
        if let min = tls.minVersion, let max = tls.maxVersion, max < min {
            throw reader.failure(
                "\(path): max_version must be greater than or equal to min_version if both are specified "
                    + "(found min_version \(min.rawValue), max_version \(max.rawValue))",
                at: fields.node("max_version"))
        }
        return tls
    }

    private static func version(
        _ key: String, _ fields: ReceiverFields, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError) -> TLSSettings.Version? {
        guard let text = try fields.string(key, reader: reader), !text.isEmpty else { return nil }
        guard let version = TLSSettings.Version(rawValue: text) else {
            throw reader.failure(
                "\(path).\(key): unknown TLS version: \(text); expected one of "
                    + TLSSettings.Version.allCases.map(\.rawValue).joined(separator: ", "),
                at: fields.node(key))
        }
        return version
    }

    static func containsPEMCertificate(_ text: String) -> Bool {
        text.contains("-----BEGIN CERTIFICATE-----") && text.contains("-----END CERTIFICATE-----")
    }

    static func containsPEMPrivateKey(_ text: String) -> Bool {
        guard let begin = text.range(of: "-----BEGIN ") else { return false }
        return text[begin.upperBound...].contains("PRIVATE KEY-----")
    }
}
