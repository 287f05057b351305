import Crypto
import Foundation

/// API token secrets: generated once, shown once, stored only as a SHA-256 hash.
///
/// ```swift
/// let secret = TokenSecrets.generate()   // "stdy_3q2…" — give it to the user
/// let hash = TokenSecrets.hash(secret)   // store this
/// ```
public enum TokenSecrets {
    /// The prefix of every generated secret, so leaked secrets are easy to recognise and scan for.
    public static let prefix = "stdy_"

    /// A new secret: `stdy_` followed by 32 random bytes in unpadded base64url (43 characters).
    public static func generate() -> String {
        prefix + base64URL(randomBytes(32))
    }

    /// Lower-case hex SHA-256 of the secret's UTF-8 bytes.
    public static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Array(secret.utf8)))
    }

    /// `count` bytes from the system's cryptographic random source.
    static func randomBytes(_ count: Int) -> [UInt8] {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: count * 8))
        return key.withUnsafeBytes { Array($0) }
    }

    /// A random identifier: `prefix` followed by `byteCount` random bytes in lower-case hex.
    static func randomID(prefix: String, byteCount: Int) -> String {
        prefix + hex(randomBytes(byteCount))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
