/// Why a cron expression was rejected; `description` names the field and what was expected.
///
/// ```swift
/// do { _ = try CronExpression(parsing: "0 24 * * *") } catch { print(error) }
/// // hour: 24 is out of range 0-23
/// ```
public struct CronExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case fieldCount(Int)
        case unknownMacro(String)
        case field(String, String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The expression does not have five fields.
    static func fieldCount(_ count: Int) -> CronExpressionError { CronExpressionError(.fieldCount(count)) }
    /// An `@name` that is not one of the supported shorthands.
    static func unknownMacro(_ name: String) -> CronExpressionError { CronExpressionError(.unknownMacro(name)) }
    /// A problem inside one field.
    static func field(_ field: String, _ message: String) -> CronExpressionError {
        CronExpressionError(.field(field, message))
    }

    public var description: String {
        switch kind {
        case .fieldCount(let count):
            "expected 5 fields (minute hour day-of-month month day-of-week) or a shorthand like @daily, found \(count)"
        case .unknownMacro(let name):
            "unknown shorthand '\(name)', expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight or "
                + "@hourly"
        case .field(let field, let message): "\(field): \(message)"
        }
    }
}
