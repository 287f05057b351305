import NIOCore
import NIOSSL
import Synchronization

/// Splits the SMTP byte stream into lines (CRLF or LF terminated, terminator removed). Lines longer than 64 KiB are
/// an error: no server reply is that long.
///
/// With an ``SMTPStartTLSUpgrade`` armed, the final line of the reply to `STARTTLS` is where TLS starts: on a `220`
/// the decoder puts the TLS handler in front of itself before anything else is read, and fails when bytes follow
/// the reply in the same read (a STARTTLS response injection: they were sent in clear text and must not be taken as
/// answers received over TLS).
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    static let maximumLine = 64 * 1024

    var upgrade: SMTPStartTLSUpgrade?

    init(upgrade: SMTPStartTLSUpgrade? = nil) {
        self.upgrade = upgrade
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLine { throw SMTPProtocolError.lineTooLong }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        var bytes = line.readBytes(length: line.readableBytes) ?? []
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let isFinalLine = bytes.count == 3 || (bytes.count > 3 && bytes[3] != UInt8(ascii: "-"))
        if let upgrade, isFinalLine, let armed = upgrade.take() {
            if bytes.starts(with: Array("220".utf8)) {
                guard buffer.readableBytes == 0 else { throw SMTPProtocolError.dataAfterStartTLS }
                let handler = try NIOSSLClientHandler(context: armed.context, serverHostname: armed.serverName)
                try context.pipeline.syncOperations.addHandler(handler, position: .first)
                upgrade.markInstalled()
                context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
                // The TLS handler now sits in front and swallows this read's `channelReadComplete` (it delivered no
                // data itself); NIOAsyncChannel hands reads to the conversation only on `channelReadComplete`.
                context.fireChannelReadComplete()
                return .continue
            }
        }
        context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Hands the TLS settings for `STARTTLS` from the conversation to the ``SMTPLineDecoder`` on the event loop.
final class SMTPStartTLSUpgrade: Sendable {
    struct Armed: Sendable {
        var context: NIOSSLContext
        var serverName: String?
    }

    private enum State {
        case idle
        case armed(Armed)
        case installed
    }

    private let state = Mutex<State>(.idle)

    /// Called just before `STARTTLS` is written.
    func arm(context: NIOSSLContext, serverName: String?) {
        state.withLock { $0 = .armed(Armed(context: context, serverName: serverName)) }
    }

    /// The armed settings, disarming; nil when not armed.
    func take() -> Armed? {
        state.withLock { state in
            guard case .armed(let armed) = state else { return nil }
            state = .idle
            return armed
        }
    }

    func markInstalled() { state.withLock { $0 = .installed } }

    /// Whether the `220` the conversation read is the one the decoder started TLS on.
    var isInstalled: Bool {
        state.withLock { state in
            if case .installed = state { return true }
            return false
        }
    }
}

enum SMTPProtocolError: Error, CustomStringConvertible {
    case lineTooLong
    /// Bytes followed the `220` reply to `STARTTLS` before the TLS handshake.
    case dataAfterStartTLS

    var description: String {
        switch self {
        case .lineTooLong: "SMTP reply line longer than \(SMTPLineDecoder.maximumLine) bytes"
        case .dataAfterStartTLS:
            "SMTP server sent data after its STARTTLS reply, before TLS started (possible STARTTLS injection)"
        }
    }
}
