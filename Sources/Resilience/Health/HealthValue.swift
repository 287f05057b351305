/// An observed value in a health check (`observedValue`: any JSON scalar).
///
/// ```swift
/// let connections: HealthValue = 42
/// let ratio: HealthValue = 0.93
/// let leader: HealthValue = "db-1"
/// ```
public enum HealthValue: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    /// An integer.
    case int(Int64)
    /// A floating-point number (non-finite values render as `null`).
    case double(Double)
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)

    /// An integer literal.
    ///
    /// ```swift
    /// let value: HealthValue = 3
    /// ```
    public init(integerLiteral value: Int64) { self = .int(value) }

    /// A floating-point literal.
    ///
    /// ```swift
    /// let value: HealthValue = 0.5
    /// ```
    public init(floatLiteral value: Double) { self = .double(value) }

    /// A string literal.
    ///
    /// ```swift
    /// let value: HealthValue = "primary"
    /// ```
    public init(stringLiteral value: String) { self = .string(value) }

    /// A boolean literal.
    ///
    /// ```swift
    /// let value: HealthValue = true
    /// ```
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
