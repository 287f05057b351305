import Foundation
import NIOSSL

/// A throwaway PKI made with the `openssl` command line for the `tls_config` tests: a CA, a server certificate for
/// `localhost` and a client certificate (`CN=steady-client`), both signed by the CA, as PEM files in a temporary
/// directory. P-256 keys, valid for two days.
///
/// The server certificate has no IP address: NIOSSL accepts a certificate whose IP address matches the connected
/// address whatever name it verifies, so a connection to 127.0.0.1 is verified by name only (the `server_name`).
struct TestPKI: Sendable {
    let directory: URL

    var caFile: String { path("ca.pem") }
    var serverCertFile: String { path("server.pem") }
    var serverKeyFile: String { path("server.key") }
    var clientCertFile: String { path("client.pem") }
    var clientKeyFile: String { path("client.key") }
    /// A second, unrelated key (a client key that does not match `client.pem`).
    var otherKeyFile: String { path("other.key") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func text(_ file: String) throws -> String { try String(contentsOfFile: file, encoding: .utf8) }

    func certificate(_ file: String) throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(text(file).utf8), format: .pem)
    }

    func privateKey(_ file: String) throws -> NIOSSLPrivateKey {
        try NIOSSLPrivateKey(bytes: Array(text(file).utf8), format: .pem)
    }

    struct OpenSSLFailed: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try """
        [req]
        distinguished_name = dn
        x509_extensions = v3_ca
        prompt = no
        [dn]
        CN = Steady Test CA
        [v3_ca]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash

        """.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
        let leaf = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nauthorityKeyIdentifier=keyid\n"
        try (leaf + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n").write(
            toFile: path("server.ext"), atomically: true, encoding: .utf8)
        try (leaf + "extendedKeyUsage=clientAuth\n").write(
            toFile: path("client.ext"), atomically: true, encoding: .utf8)
        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(
            ["req", "-x509", "-new"] + newKey + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-config", "ca.cnf",
            ])
        for (name, subject, serial) in [("server", "/CN=localhost", "2"), ("client", "/CN=steady-client", "3")] {
            try openssl(
                ["req", "-new"] + newKey + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
            try openssl([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", serial,
                "-days", "2", "-extfile", "\(name).ext", "-out", "\(name).pem",
            ])
        }
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other.key"])
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OpenSSLFailed(description: "openssl \(arguments.joined(separator: " ")): \(output)")
        }
    }
}
