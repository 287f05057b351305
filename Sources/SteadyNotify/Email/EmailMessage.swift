import Crypto
import Foundation
public import SteadyModel

/// A rendered email: the SMTP envelope and the RFC 5322 message (CRLF line endings, not yet dot-stuffed).
///
/// The message is `multipart/alternative` with a `text/plain` and a `text/html` part (either is left out when its
/// template renders empty), both UTF-8 and quoted-printable. Headers: `Date` (from the injected clock), `From`,
/// `To`, `Subject` (RFC 2047 when not ASCII), `Message-Id` derived from the dedup key (stable across retries),
/// `X-Steady-Dedup-Key`, the configured extra headers, `MIME-Version`, `Content-Type`.
public struct EmailMessage: Sendable, Equatable {
    /// `MAIL FROM` address.
    public var sender: String
    /// `RCPT TO` addresses.
    public var recipients: [String]
    /// The message text with CRLF line endings.
    public var data: String

    public init(sender: String, recipients: [String], data: String) {
        self.sender = sender
        self.recipients = recipients
        self.data = data
    }

    /// Renders `notification` with `config`'s templates.
    public static func build(
        _ notification: AlertNotification, config: EmailConfig, templates: TemplateSet, now: WallInstant,
        dedupKey: String
    ) throws(EmailError) -> EmailMessage {
        let data = TemplateData(notification)
        func render(_ text: String, _ field: String, html: Bool = false) throws(EmailError) -> String {
            do {
                return try templates.render(text, data: data, html: html, name: field)
            } catch {
                throw EmailError(message: "\(error)")
            }
        }
        var headers: [(String, String)] = []
        for (name, template) in config.effectiveHeaders {
            let value = try render(template, "headers.\(name)")
            headers.append((EmailConfig.canonicalHeaderName(name), value.filter { $0 != "\r" && $0 != "\n" }))
        }
        func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        let fromHeader = header("From") ?? ""
        let toHeader = header("To") ?? ""
        guard let sender = addresses(fromHeader).first else {
            throw EmailError(message: "invalid from address \"\(fromHeader)\"")
        }
        let recipients = addresses(toHeader)
        guard !recipients.isEmpty else { throw EmailError(message: "invalid to address \"\(toHeader)\"") }
        let text = config.text.isEmpty ? "" : try render(config.text, "text")
        let html = config.html.isEmpty ? "" : try render(config.html, "html", html: true)
        guard !text.isEmpty || !html.isEmpty else { throw EmailError(message: "empty email body") }

        let domain = sender.split(separator: "@").last.map(String.init) ?? "steady.localhost"
        let boundary = "steady-" + hex(SHA256.hash(data: Array((dedupKey + "\u{0}boundary").utf8))).prefix(28)
        var lines: [String] = []
        lines.append("Date: " + rfc5322Date(now))
        lines.append("From: " + fromHeader)
        lines.append("To: " + toHeader)
        lines.append("Subject: " + encodeHeaderValue(header("Subject") ?? ""))
        lines.append("Message-Id: <" + messageID(dedupKey: dedupKey, now: now) + "@" + domain + ">")
        if !dedupKey.isEmpty { lines.append("X-Steady-Dedup-Key: " + dedupKey) }
        let reserved: Set<String> = ["Date", "From", "To", "Subject", "Message-Id", "Mime-Version", "Content-Type"]
        for (name, value) in headers.sorted(by: { $0.0 < $1.0 }) where !reserved.contains(name) {
            lines.append(name + ": " + encodeHeaderValue(value))
        }
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        for (type, body) in [("text/plain", text), ("text/html", html)] where !body.isEmpty {
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=UTF-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(quotedPrintable(body))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return EmailMessage(sender: sender, recipients: recipients, data: lines.joined(separator: "\r\n"))
    }

    /// The bare addresses of a comma-separated list (`Ops <ops@example.com>, b@example.com`).
    static func addresses(_ list: String) -> [String] {
        var result: [String] = []
        for part in list.split(separator: ",") {
            var address = part.trimmingCharacters(in: .whitespaces)
            if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
                address = String(address[address.index(after: open)..<close])
            }
            address = address.trimmingCharacters(in: .whitespaces)
            let pieces = address.split(separator: "@")
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
                !address.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\r" || $0 == "\n" })
            else { continue }
            result.append(address)
        }
        return result
    }

    static func messageID(dedupKey: String, now: WallInstant) -> String {
        let cleaned = dedupKey.unicodeScalars.filter {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
                || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "." || $0 == "-"
        }
        if cleaned.isEmpty { return "\(now.nanosecondsSinceEpoch).steady" }
        return String(String.UnicodeScalarView(cleaned)) + ".steady"
    }

    /// `Mon, 23 Nov 2026 06:41:59 +0000`.
    static func rfc5322Date(_ instant: WallInstant) -> String {
        let c = GoTime.components(instant)
        return String(GoTime.dayNames[Int(c.weekday)].prefix(3)) + ", " + GoTime.pad(c.day, 2) + " "
            + String(GoTime.monthNames[Int(c.month) - 1].prefix(3)) + " " + GoTime.pad(c.year, 4) + " "
            + GoTime.pad(c.hour, 2) + ":" + GoTime.pad(c.minute, 2) + ":" + GoTime.pad(c.second, 2) + " +0000"
    }

    /// ASCII values as they are; others as RFC 2047 base64 encoded-words of at most 45 bytes each.
    static func encodeHeaderValue(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0.value > 0x7E || $0.value < 0x20 }) else { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 2045 quoted-printable with CRLF hard line breaks and lines of at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF")
        var out: [String] = []
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded = ""
            var length = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast) {
                    token = String(UnicodeScalar(byte))
                } else {
                    token = "=" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0xF)])
                }
                if length + token.count > 75 {
                    encoded += "=\r\n"
                    length = 0
                }
                encoded += token
                length += token.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\r\n")
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

/// An email that cannot be built or sent.
public struct EmailError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
