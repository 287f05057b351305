import Crypto
import NIOSSL

/// A throwaway self-signed P-256 certificate for `localhost` / `127.0.0.1`, built in-process with a minimal DER
/// writer, so the STARTTLS test needs no files and no openssl.
struct SelfSignedCertificate {
    let certificate: NIOSSLCertificate
    let privateKey: NIOSSLPrivateKey

    init() throws {
        let key = P256.Signing.PrivateKey()
        let ecdsaWithSHA256 = Self.sequence(Self.oid([1, 2, 840, 10045, 4, 3, 2]))
        let name = Self.sequence(
            Self.tlv(0x31, Self.sequence(Self.oid([2, 5, 4, 3]) + Self.tlv(0x0C, Array("localhost".utf8)))))
        let validity = Self.sequence(
            Self.tlv(0x17, Array("230101000000Z".utf8)) + Self.tlv(0x17, Array("491231235959Z".utf8)))
        let alternativeNames = Self.sequence(
            Self.tlv(0x82, Array("localhost".utf8)) + Self.tlv(0x87, [127, 0, 0, 1]))
        let extensions = Self.tlv(
            0xA3, Self.sequence(Self.sequence(Self.oid([2, 5, 29, 17]) + Self.tlv(0x04, alternativeNames))))
        let tbs = Self.sequence(
            Self.tlv(0xA0, Self.tlv(0x02, [2])) + Self.tlv(0x02, [0x01, 0x23]) + ecdsaWithSHA256 + name + validity
                + name + Array(key.publicKey.derRepresentation) + extensions)
        let signature = try key.signature(for: tbs).derRepresentation
        let der = Self.sequence(tbs + ecdsaWithSHA256 + Self.tlv(0x03, [0] + Array(signature)))
        certificate = try NIOSSLCertificate(bytes: der, format: .der)
        privateKey = try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        switch content.count {
        case 0..<128: length = [UInt8(content.count)]
        case 128..<256: length = [0x81, UInt8(content.count)]
        default: length = [0x82, UInt8(content.count >> 8), UInt8(content.count & 0xFF)]
        }
        return [tag] + length + content
    }

    static func sequence(_ content: [UInt8]) -> [UInt8] { tlv(0x30, content) }

    static func oid(_ arcs: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += chunk
        }
        return tlv(0x06, bytes)
    }
}
