/// Why a probe run failed, when the cause is not an error from the network stack.
public struct ProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case timedOut
        case noCertificate
        case connectionClosed
        case unexpectedStatus(Int, ClosedRange<Int>)
        case invalidURL(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The run did not finish within the probe's timeout.
    public static let timedOut = ProbeError(.timedOut)
    /// The TLS server presented no certificate.
    public static let noCertificate = ProbeError(.noCertificate)
    /// The server closed the connection before the TLS handshake finished.
    public static let connectionClosed = ProbeError(.connectionClosed)
    /// The HTTP status is outside the expected range.
    public static func unexpectedStatus(_ status: Int, expected: ClosedRange<Int>) -> ProbeError {
        ProbeError(.unexpectedStatus(status, expected))
    }
    /// The probe URL cannot be requested.
    public static func invalidURL(_ url: String) -> ProbeError { ProbeError(.invalidURL(url)) }

    public var description: String {
        switch kind {
        case .timedOut: "timed out"
        case .noCertificate: "the server presented no certificate"
        case .connectionClosed: "the connection closed before the TLS handshake finished"
        case .unexpectedStatus(let status, let expected):
            "status \(status), expected \(expected.lowerBound)-\(expected.upperBound)"
        case .invalidURL(let url): "cannot request \(url)"
        }
    }
}
