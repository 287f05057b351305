public import SteadyModel
import Yams

/// Parses the `time_intervals` of a maintenance window (Alertmanager's format, as JSON or YAML) with the same rules
/// and messages as the configuration's `time_intervals`.
///
/// ```swift
/// let set = try MaintenanceWindowParser.timeIntervals(
///     #"[{"weekdays":["saturday"],"times":[{"start_time":"02:00","end_time":"04:00"}]}]"#, name: window.id)
/// set.intervals.count   // 1
/// ```
public enum MaintenanceWindowParser {
    public static func timeIntervals(_ text: String, name: String) throws(ConfigError) -> TimeIntervalSet {
        let reader = YAMLNodeReader(file: "time_intervals")
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw reader.failure("time_intervals: not valid JSON or YAML", at: nil)
        }
        guard let node, node.sequence != nil else {
            throw reader.failure("time_intervals: expected a list of time intervals", at: node)
        }
        guard !(node.sequence?.isEmpty ?? true) else {
            throw reader.failure("time_intervals: give at least one time interval", at: node)
        }
        let wrapped = Node.sequence(
            Node.Sequence([Node.mapping(Node.Mapping([(Node("name"), Node(name)), (Node("time_intervals"), node)]))]))
        guard let set = try TimeIntervalParser.parse(wrapped, path: "time_intervals", reader: reader).first else {
            throw reader.failure("time_intervals: expected a list of time intervals", at: node)
        }
        return set
    }
}
