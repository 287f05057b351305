/// Why a silence could not be created, updated or expired, with Alertmanager 0.25's wording in ``message``
/// (what `POST /api/v2/silences` and `DELETE /api/v2/silence/{id}` return as their JSON string payload).
///
/// Alertmanager answers `POST` with 404 for ``isNotFound`` and 400 otherwise; `DELETE` answers every error with 500.
///
/// ```swift
/// do { _ = try SilenceEditor.set(posted, existing: nil, now: now, newID: { UUID.randomLowercased() }) }
/// catch { print(error.message) }   // "Failed to create silence: end time can't be in the past"
/// ```
public struct SilenceError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case request(String)
        case invalid(String)
        case notFound
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// Rejected by the API handler before the silence store is asked (`Failed to create silence: …`).
    static func request(_ reason: String) -> SilenceError { SilenceError(.request(reason)) }

    /// Rejected by the store's `validateSilence` (`silence invalid: …`).
    static func invalid(_ reason: String) -> SilenceError { SilenceError(.invalid(reason)) }

    /// No silence has the given id (`silence not found`).
    public static var notFound: SilenceError { SilenceError(.notFound) }

    /// Whether the silence id is unknown (404 for `POST`).
    public var isNotFound: Bool { kind == .notFound }

    /// Alertmanager's message, verbatim.
    public var message: String {
        switch kind {
        case .request(let reason): "Failed to create silence: \(reason)"
        case .invalid(let reason): "silence invalid: \(reason)"
        case .notFound: "silence not found"
        }
    }

    /// Same as ``message``.
    public var description: String { message }
}
