import Crypto
public import Foundation

/// Steady's optional webhook signature: `X-Steady-Signature: sha256=<lowercase hex HMAC-SHA256 of the body>`, keyed
/// with the integration's `hmac_secret` (the same scheme as GitHub's `X-Hub-Signature-256`). Receivers recompute the
/// HMAC over the raw body bytes and compare in constant time.
///
/// ```swift
/// WebhookSignature.header(body: body, secret: "s3cret")   // "sha256=5d5d…"
/// ```
public enum WebhookSignature {
    /// The header carrying the signature.
    public static let headerName = "X-Steady-Signature"

    /// `sha256=` followed by the hex HMAC of `body`.
    public static func header(body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` is the valid signature of `body` under `secret` (constant-time comparison).
    public static func verify(header: String, body: [UInt8], secret: String) -> Bool {
        let expected = Array(self.header(body: body, secret: secret).utf8)
        let given = Array(header.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
