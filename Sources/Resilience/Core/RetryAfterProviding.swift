/// An error that knows how long the caller should wait before trying again (an HTTP 429/503 `Retry-After`, a
/// gRPC pushback, an open breaker's remaining wait). ``Retry`` waits at least this long before the next attempt.
///
/// ```swift
/// struct HTTPStatusError: Error, RetryAfterProviding {
///     var status: Int
///     var retryAfter: Duration?  // parsed from the Retry-After header
/// }
/// ```
public protocol RetryAfterProviding: Error {
    /// The minimum wait before the next attempt, or `nil` when the error carries no hint.
    ///
    /// ```swift
    /// if let hint = (error as? any RetryAfterProviding)?.retryAfter { print(hint) }
    /// ```
    var retryAfter: Duration? { get }
}
