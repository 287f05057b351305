/// How important a request is, in the four classes of Google's SRE book ("Handling Overload").
///
/// Lower classes are shed first: `sheddable` < `sheddablePlus` < `critical` < `criticalPlus`. The class travels
/// between services in the ``headerName`` header (`x-criticality`) as `CRITICAL_PLUS`, `CRITICAL`,
/// `SHEDDABLE_PLUS` or `SHEDDABLE`; a request without the header is ``default`` (`critical`).
///
/// ```swift
/// let criticality = Criticality(headerValue: request.headers["x-criticality"] ?? "") ?? .default
/// outgoing.headers[Criticality.headerName] = criticality.headerValue
/// ```
public enum Criticality: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Partial unavailability is expected (batch jobs, prefetches). Shed first.
    case sheddable = 0
    /// Partial unavailability is acceptable; retried later (the default for batch jobs in the book).
    case sheddablePlus = 1
    /// Production traffic; failing it has user-visible impact. The default.
    case critical = 2
    /// The most important traffic; shed last.
    case criticalPlus = 3

    /// The HTTP header that carries the criticality: `x-criticality`.
    ///
    /// ```swift
    /// headers.add(name: Criticality.headerName, value: Criticality.sheddable.headerValue)
    /// ```
    public static let headerName = "x-criticality"

    /// The class of requests that do not say: `critical`.
    ///
    /// ```swift
    /// let criticality = Criticality(headerValue: value) ?? .default
    /// ```
    public static let `default` = Criticality.critical

    /// The header value: `CRITICAL_PLUS`, `CRITICAL`, `SHEDDABLE_PLUS` or `SHEDDABLE`.
    ///
    /// ```swift
    /// Criticality.criticalPlus.headerValue  // "CRITICAL_PLUS"
    /// ```
    public var headerValue: String {
        switch self {
        case .sheddable: "SHEDDABLE"
        case .sheddablePlus: "SHEDDABLE_PLUS"
        case .critical: "CRITICAL"
        case .criticalPlus: "CRITICAL_PLUS"
        }
    }

    /// The header value.
    ///
    /// ```swift
    /// print(Criticality.sheddable)  // SHEDDABLE
    /// ```
    public var description: String { self.headerValue }

    /// Parses a header value, ignoring case, surrounding blanks and `-`/`_`/space between words
    /// (`CRITICAL_PLUS`, `critical-plus`, `Critical Plus`); `nil` when unknown.
    ///
    /// ```swift
    /// Criticality(headerValue: " sheddable-plus ")  // .sheddablePlus
    /// ```
    public init?(headerValue: some StringProtocol) {
        var normalized = ""
        for character in headerValue where !(character == "_" || character == "-" || character.isWhitespace) {
            normalized.append(contentsOf: character.lowercased())
        }
        switch normalized {
        case "sheddable": self = .sheddable
        case "sheddableplus": self = .sheddablePlus
        case "critical": self = .critical
        case "criticalplus": self = .criticalPlus
        default: return nil
        }
    }

    /// Orders classes from least to most important.
    ///
    /// ```swift
    /// Criticality.sheddable < .critical  // true
    /// ```
    public static func < (lhs: Criticality, rhs: Criticality) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
