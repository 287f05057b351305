import Foundation
public import SteadyModel
import Yams

/// Reads Alertmanager's `time_intervals:` and the deprecated `mute_time_intervals:` sections into
/// ``TimeIntervalSet``s, with Alertmanager 0.25's validation and messages (timeinterval package and config.go),
/// each prefixed with the key path and placed at the offending node.
///
/// ```swift
/// let sets = try TimeIntervalParser.parseAlertmanagerConfig(yaml: text, file: "alertmanager.yml")
/// ```
public enum TimeIntervalParser {
    static let setKeys = ["name", "time_intervals"]
    static let intervalKeys = ["times", "weekdays", "days_of_month", "months", "years", "location"]
    static let timeRangeKeys = ["start_time", "end_time"]

    static let weekdays = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]
    static let months = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    ]
    static let monthNames = Dictionary(uniqueKeysWithValues: months.map { ($0.value, $0.key) })

    /// Reads both sections of a whole Alertmanager configuration file (`mute_time_intervals` first), checking that
    /// names are unique across them.
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> [TimeIntervalSet] {
        let reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root else { return [] }
        _ = try reader.mapping(root, "configuration")
        return try parseSections(
            timeIntervals: reader.child(root, "time_intervals"),
            muteTimeIntervals: reader.child(root, "mute_time_intervals"), reader: reader)
    }

    /// Both sections' value nodes (either may be absent): `mute_time_intervals` then `time_intervals`, with
    /// Alertmanager's uniqueness check over both (`mute time interval "x" is not unique` /
    /// `time interval "x" is not unique`).
    static func parseSections(
        timeIntervals: Node?, muteTimeIntervals: Node?, reader: YAMLNodeReader
    ) throws(ConfigError) -> [TimeIntervalSet] {
        var seen: Set<String> = []
        var result: [TimeIntervalSet] = []
        for (node, path) in [(muteTimeIntervals, "mute_time_intervals"), (timeIntervals, "time_intervals")] {
            guard let node else { continue }
            let sets = try parse(node, path: path, reader: reader)
            let items = node.sequence.map(Array.init) ?? []
            for (index, set) in sets.enumerated() {
                guard seen.insert(set.name).inserted else {
                    let kind = path == "mute_time_intervals" ? "mute time interval" : "time interval"
                    throw reader.failure(
                        "\(path)[\(index)].name: \(kind) \(GoQuote.quoted(set.name)) is not unique",
                        at: index < items.count ? reader.child(items[index], "name") ?? items[index] : node)
                }
            }
            result += sets
        }
        return result
    }

    /// Checks that every `mute_time_intervals`/`active_time_intervals` name a route uses is defined (Alertmanager:
    /// `undefined time interval "x" used in route`); `node` is the `route:` value node, where errors point.
    static func checkReferences(
        _ route: AlertRoute, names: Set<String>, node: Node, reader: YAMLNodeReader
    ) throws(ConfigError) {
        for child in route.routes {
            try checkReferences(child, names: names, node: node, reader: reader)
        }
        for name in route.activeTimeIntervals + route.muteTimeIntervals where !names.contains(name) {
            throw reader.failure("route: undefined time interval \(GoQuote.quoted(name)) used in route", at: node)
        }
    }

    /// One section's value node (a list of `{name, time_intervals}`); `path` is the section's key
    /// (`time_intervals` or `mute_time_intervals`), which also picks Alertmanager's missing-name message.
    static func parse(_ node: Node, path: String, reader: YAMLNodeReader) throws(ConfigError) -> [TimeIntervalSet] {
        if node.null != nil { return [] }
        let missingName =
            path.hasSuffix("mute_time_intervals")
            ? "missing name in mute time interval" : "missing name in time interval"
        var result: [TimeIntervalSet] = []
        for (index, item) in try sequence(node, path, reader: reader).enumerated() {
            let itemPath = "\(path)[\(index)]"
            // yaml.v2 leaves a null entry at its zero value without running the name check.
            if item.null != nil {
                result.append(TimeIntervalSet(name: ""))
                continue
            }
            let fields = try fields(item, itemPath, allowed: setKeys, reader: reader)
            var set = TimeIntervalSet(name: "")
            if let name = fields["name"] { set.name = try scalar(name, "\(itemPath).name", reader: reader) }
            if let intervals = fields["time_intervals"], intervals.null == nil {
                set.intervals = try sequence(intervals, "\(itemPath).time_intervals", reader: reader).enumerated().map {
                    (position, interval) throws(ConfigError) in
                    try self.interval(interval, "\(itemPath).time_intervals[\(position)]", reader: reader)
                }
            }
            if set.name.isEmpty { throw reader.failure("\(itemPath): \(missingName)", at: item) }
            result.append(set)
        }
        return result
    }

    private static func interval(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError) -> TimeIntervalSet.Interval {
        var interval = TimeIntervalSet.Interval()
        if node.null != nil { return interval }
        for (key, value) in try fields(node, path, allowed: intervalKeys, reader: reader).ordered {
            let field = "\(path).\(key)"
            if value.null != nil { continue }
            switch key {
            case "times":
                interval.times = try sequence(value, field, reader: reader).enumerated().map {
                    (index, item) throws(ConfigError) in try timeRange(item, "\(field)[\(index)]", reader: reader)
                }
            case "location":
                interval.location = try location(value, field, reader: reader)
            default:
                let ranges = try sequence(value, field, reader: reader).enumerated().map {
                    (index, item) throws(ConfigError) -> TimeIntervalSet.InclusiveRange in
                    // A null entry stays at Go's zero value `0:0` without validation, as in Alertmanager.
                    if item.null != nil { return TimeIntervalSet.InclusiveRange(0, 0) }
                    let text = try scalar(item, "\(field)[\(index)]", reader: reader)
                    do throws(RangeError) {
                        return try range(text, kind: key)
                    } catch {
                        throw reader.failure("\(field)[\(index)]: \(error.message)", at: item)
                    }
                }
                switch key {
                case "weekdays": interval.weekdays = ranges
                case "days_of_month": interval.daysOfMonth = ranges
                case "months": interval.months = ranges
                default: interval.years = ranges
                }
            }
        }
        return interval
    }

    private static func timeRange(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError) -> TimeIntervalSet.TimeRange {
        // A null entry stays at Go's zero value (`0..<0`, never matching) without validation, as in Alertmanager.
        if node.null != nil { return TimeIntervalSet.TimeRange(startMinute: 0, endMinute: 0) }
        let fields = try fields(node, path, allowed: timeRangeKeys, reader: reader)
        let start = try fields["start_time"].map { (node) throws(ConfigError) in
            try scalar(node, "\(path).start_time", reader: reader)
        }
        let end = try fields["end_time"].map { (node) throws(ConfigError) in
            try scalar(node, "\(path).end_time", reader: reader)
        }
        guard let start, let end, !start.isEmpty, !end.isEmpty else {
            throw reader.failure("\(path): both start and end times must be provided", at: node)
        }
        guard let startMinute = minutes(start) else {
            throw reader.failure(
                "\(path).start_time: couldn't parse timestamp \(start), invalid format", at: fields["start_time"])
        }
        guard let endMinute = minutes(end) else {
            throw reader.failure(
                "\(path).end_time: couldn't parse timestamp \(end), invalid format", at: fields["end_time"])
        }
        guard startMinute < endMinute else {
            throw reader.failure("\(path): start time cannot be equal or greater than end time", at: node)
        }
        return TimeIntervalSet.TimeRange(startMinute: startMinute, endMinute: endMinute)
    }

    /// `HH:MM` from `00:00` to `23:59`, or `24:00` (Alertmanager's `validTime` expression).
    static func minutes(_ text: String) -> Int? {
        if text == "24:00" { return 1440 }
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        let digits = [bytes[0], bytes[1], bytes[3], bytes[4]].map { Int($0) - 48 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let hour = digits[0] * 10 + digits[1]
        guard hour <= 23, digits[2] <= 5 else { return nil }
        return hour * 60 + digits[2] * 10 + digits[3]
    }

    /// Alertmanager's `Location.UnmarshalYAML` (Go's `time.LoadLocation`): `""` and `UTC` are UTC, `Local` is this
    /// machine's zone, anything else must be a zone file of the tz database (case-sensitive, like Go on Linux).
    private static func location(_ node: Node, _ path: String, reader: YAMLNodeReader) throws(ConfigError) -> TimeZone {
        let name = try scalar(node, path, reader: reader)
        switch name {
        case "", "UTC": return TimeZone(identifier: "UTC")!
        case "Local": return TimeZone.current
        default: break
        }
        if name.hasPrefix("/") || name.hasPrefix("\\") || name.split(separator: "/").contains("..") {
            throw reader.failure("\(path): time: invalid location name", at: node)
        }
        let zoneinfo = "/usr/share/zoneinfo"
        let onDisk =
            !FileManager.default.fileExists(atPath: zoneinfo)
            || FileManager.default.fileExists(atPath: "\(zoneinfo)/\(name)")
        guard onDisk, let zone = TimeZone(identifier: name) else {
            throw reader.failure("\(path): unknown time zone \(name)", at: node)
        }
        return zone
    }

    struct RangeError: Error {
        var message: String
    }

    /// Alertmanager's `stringableRangeFromString` plus the per-field checks of `WeekdayRange`, `DayOfMonthRange`,
    /// `MonthRange` and `YearRange`; `kind` is the YAML key.
    static func range(_ input: String, kind: String) throws(RangeError) -> TimeIntervalSet.InclusiveRange {
        let text = input.lowercased()
        let components = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard components.count <= 2 else { throw RangeError(message: "couldn't parse range \(text), invalid format") }
        let begin = try member(components[0], kind: kind)
        let end = components.count == 2 ? try member(components[1], kind: kind) : begin
        switch kind {
        case "weekdays":
            if begin > end { throw RangeError(message: "start day cannot be before end day") }
            if !(0...6).contains(begin) || !(0...6).contains(end) {
                throw RangeError(message: "\(text) is not a valid day of the week: out of range")
            }
        case "days_of_month":
            for day in [begin, end] where day == 0 || day < -31 || day > 31 {
                throw RangeError(message: "\(day) is not a valid day of the month: out of range")
            }
            if begin < 0 && end > 0 { throw RangeError(message: "end day must be negative if start day is negative") }
            let checkBegin = begin < 0 ? 28 + begin : begin
            let checkEnd = end < 0 ? 28 + end : end
            if checkBegin > checkEnd { throw RangeError(message: "end day \(end) is always before start day \(begin)") }
        case "months":
            if begin > end {
                throw RangeError(
                    message: "end month \(monthNames[end] ?? "") is before start month \(monthNames[begin] ?? "")")
            }
        default:
            if begin > end { throw RangeError(message: "end year \(end) is before start year \(begin)") }
        }
        return TimeIntervalSet.InclusiveRange(begin, end)
    }

    private static func member(_ text: String, kind: String) throws(RangeError) -> Int {
        switch kind {
        case "weekdays":
            guard let day = weekdays[text] else { throw RangeError(message: "\(text) is not a valid weekday") }
            return day
        case "months":
            if let month = months[text] { return month }
            guard case .success(let number) = atoi(text) else {
                throw RangeError(message: "\(text) is not a valid month")
            }
            return number
        default:
            switch atoi(text) {
            case .success(let number): return number
            case .failure(let error): throw error
            }
        }
    }

    /// Go's `strconv.Atoi` with its error messages.
    static func atoi(_ text: String) -> Result<Int, RangeError> {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .failure(RangeError(message: "strconv.Atoi: parsing \(GoQuote.quoted(text)): invalid syntax"))
        }
        var value = 0
        for byte in digits.utf8 {
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(Int(byte) - 48)
            if overflow1 || overflow2 {
                return .failure(
                    RangeError(message: "strconv.Atoi: parsing \(GoQuote.quoted(text)): value out of range"))
            }
            value = sum
        }
        return .success(negative ? -value : value)
    }

    // MARK: - Node helpers

    struct Fields {
        var ordered: [(String, Node)] = []
        subscript(key: String) -> Node? { ordered.first { $0.0 == key }?.1 }
    }

    /// A mapping's entries with string keys from `allowed`, in document order; unknown and repeated keys fail.
    static func fields(
        _ node: Node, _ path: String, allowed: [String], reader: YAMLNodeReader
    ) throws(ConfigError) -> Fields {
        guard let mapping = node.mapping else { throw reader.failure("\(path): expected a mapping", at: node) }
        var fields = Fields()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw reader.failure("\(path): expected string keys", at: keyNode)
            }
            guard allowed.contains(key) else {
                throw reader.failure(
                    "\(path): unknown key '\(key)'; expected one of \(allowed.sorted().joined(separator: ", "))",
                    at: keyNode)
            }
            guard fields[key] == nil else { throw reader.failure("\(path): key \"\(key)\" already set", at: keyNode) }
            fields.ordered.append((key, value))
        }
        return fields
    }

    static func sequence(_ node: Node, _ path: String, reader: YAMLNodeReader) throws(ConfigError) -> [Node] {
        guard let sequence = node.sequence else {
            let found = node.scalar.map { "\"\($0.string)\"" } ?? "a mapping"
            throw reader.failure("\(path): found \(found), expected a list", at: node)
        }
        return Array(sequence)
    }

    /// A scalar's text (YAML null reads as an empty string, as yaml.v2 decodes it into a Go string).
    static func scalar(_ node: Node, _ path: String, reader: YAMLNodeReader) throws(ConfigError) -> String {
        guard let scalar = node.scalar else {
            throw reader.failure(
                "\(path): found a \(node.sequence != nil ? "list" : "mapping"), expected a string", at: node)
        }
        return node.null != nil ? "" : scalar.string
    }

}
