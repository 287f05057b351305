import NIOPosix
import NIOSSL
import SteadyModel
import Synchronization

/// Turns a receiver's `tls_config` (``TLSSettings``) into a NIOSSL client configuration, as Prometheus's
/// `NewTLSConfig` does: `ca` replaces the system trust roots, `cert`/`key` become the client certificate,
/// `min_version`/`max_version` bound the protocol, `insecure_skip_verify` turns verification off. `server_name` is
/// applied by the caller (it is the SNI and verified name of the connection, not part of the configuration).
///
/// Each distinct setting is built and checked once (PEM parsed, certificate and key matched by creating a context)
/// and then reused, so requests with the same `tls_config` share AsyncHTTPClient's connection pool.
enum NotifierTLS {
    /// A `tls_config` that cannot be used: bad PEM, or a key that does not belong to the certificate. Retrying does
    /// not help, so deliveries fail permanently with it.
    struct Failure: Error, Hashable, CustomStringConvertible {
        var description: String
    }

    private static let cacheLimit = 64
    private static let cache = Mutex<[TLSSettings: Result<TLSConfiguration, Failure>]>([:])

    /// The configuration for `settings`; nil when nothing is set (the client's default applies).
    ///
    /// The first use of a setting checks it on NIO's thread pool (creating a context reads the system's CA bundle
    /// when `ca` is not set, and deliveries may run on an event loop); later uses are a dictionary lookup.
    static func configuration(for settings: TLSSettings) async throws(Failure) -> TLSConfiguration? {
        if settings.isDefault { return nil }
        if let cached = cache.withLock({ $0[settings] }) { return try cached.get() }
        let result: Result<TLSConfiguration, Failure>
        do throws(Failure) {
            let configuration = try build(settings, defaultTrustRoots: nil)
            // Creating a context loads the certificate and key together: a mismatch fails here, not per request.
            do {
                _ = try await NIOThreadPool.singleton.runIfActive { try NIOSSLContext(configuration: configuration) }
            } catch {
                throw Failure(description: "unable to use specified client cert & key: \(error)")
            }
            result = .success(configuration)
        } catch {
            result = .failure(error)
        }
        cache.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll() }
            cache[settings] = result
        }
        return try result.get()
    }

    private struct ContextKey: Hashable {
        var settings: TLSSettings
        var defaultTrustRoots: NIOSSLTrustRoots?
    }

    private static let contexts = Mutex<[ContextKey: NIOSSLContext]>([:])

    /// A client context for `settings` (SMTP's STARTTLS and implicit TLS), built once per distinct setting on NIO's
    /// thread pool and then reused: building one reads and parses the system's CA bundle, which must not happen on
    /// an event loop, nor once per email.
    static func context(
        for settings: TLSSettings, defaultTrustRoots: NIOSSLTrustRoots?
    ) async throws(Failure) -> NIOSSLContext {
        let key = ContextKey(settings: settings, defaultTrustRoots: defaultTrustRoots)
        if let cached = contexts.withLock({ $0[key] }) { return cached }
        let configuration = try build(settings, defaultTrustRoots: defaultTrustRoots)
        let context: NIOSSLContext
        do {
            context = try await NIOThreadPool.singleton.runIfActive { try NIOSSLContext(configuration: configuration) }
        } catch {
            throw Failure(description: "unable to use specified client cert & key: \(error)")
        }
        contexts.withLock { contexts in
            if contexts.count >= cacheLimit { contexts.removeAll() }
            contexts[key] = context
        }
        return context
    }

    /// Builds the configuration without caching. `defaultTrustRoots` replaces the system's roots when `ca` is not
    /// set (SMTP's test and private-CA hook).
    static func build(
        _ settings: TLSSettings, defaultTrustRoots: NIOSSLTrustRoots?
    ) throws(Failure)
        -> TLSConfiguration
    {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = settings.ca {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8))
            } catch {
                throw Failure(description: "unable to use specified CA cert\(where: settings.caFile): \(error)")
            }
            guard !roots.isEmpty else {
                throw Failure(description: "unable to use specified CA cert\(where: settings.caFile): no certificate")
            }
            tls.trustRoots = .certificates(roots)
        } else if let defaultTrustRoots {
            tls.trustRoots = defaultTrustRoots
        }
        if let cert = settings.cert, let key = settings.key {
            do {
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(cert.utf8))
                guard !chain.isEmpty else { throw Failure(description: "no certificate") }
                tls.certificateChain = chain.map { .certificate($0) }
            } catch {
                throw Failure(description: "unable to use specified client cert\(where: settings.certFile): \(error)")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.value.utf8), format: .pem))
            } catch {
                // NIOSSL's error names the failure, never the key's bytes.
                throw Failure(description: "unable to use specified client key\(where: settings.keyFile): \(error)")
            }
        }
        if let minimum = settings.minVersion { tls.minimumTLSVersion = nio(minimum) }
        if let maximum = settings.maxVersion { tls.maximumTLSVersion = nio(maximum) }
        if settings.insecureSkipVerify { tls.certificateVerification = .none }
        return tls
    }

    static func nio(_ version: TLSSettings.Version) -> TLSVersion {
        switch version {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}

extension DefaultStringInterpolation {
    /// ` <path>` when the PEM text came from a file, nothing otherwise.
    fileprivate mutating func appendInterpolation(where file: String?) {
        if let file { appendLiteral(" \(file)") }
    }
}
