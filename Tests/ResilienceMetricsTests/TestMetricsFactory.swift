import Metrics
import Synchronization

/// A `MetricsFactory` that keeps every value it is given, for exact assertions. Handles with the same label and
/// dimensions share storage, as in real backends. Pass it explicitly; nothing here bootstraps `MetricsSystem`.
final class TestMetricsFactory: MetricsFactory {
    struct Key: Hashable, CustomStringConvertible {
        var label: String
        var dimensions: [String: String]

        var description: String {
            let labels = self.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
            return "\(self.label){\(labels.joined(separator: ","))}"
        }
    }

    final class Storage: Sendable {
        let counters = Mutex<[Key: Int64]>([:])
        let recorders = Mutex<[Key: [Double]]>([:])
        let timers = Mutex<[Key: [Int64]]>([:])
    }

    final class CounterHandle: CounterHandler {
        let key: Key
        let storage: Storage
        init(key: Key, storage: Storage) {
            self.key = key
            self.storage = storage
            storage.counters.withLock { $0[key, default: 0] += 0 }
        }
        func increment(by amount: Int64) { self.storage.counters.withLock { $0[self.key, default: 0] += amount } }
        func reset() { self.storage.counters.withLock { $0[self.key] = 0 } }
    }

    final class RecorderHandle: RecorderHandler {
        let key: Key
        let storage: Storage
        init(key: Key, storage: Storage) {
            self.key = key
            self.storage = storage
        }
        func record(_ value: Int64) { self.record(Double(value)) }
        func record(_ value: Double) { self.storage.recorders.withLock { $0[self.key, default: []].append(value) } }
    }

    final class TimerHandle: TimerHandler {
        let key: Key
        let storage: Storage
        init(key: Key, storage: Storage) {
            self.key = key
            self.storage = storage
        }
        func recordNanoseconds(_ duration: Int64) {
            self.storage.timers.withLock { $0[self.key, default: []].append(duration) }
        }
    }

    let storage = Storage()

    static func key(_ label: String, _ dimensions: [(String, String)]) -> Key {
        Key(label: label, dimensions: Dictionary(uniqueKeysWithValues: dimensions))
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        CounterHandle(key: Self.key(label, dimensions), storage: self.storage)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        RecorderHandle(key: Self.key(label, dimensions), storage: self.storage)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        TimerHandle(key: Self.key(label, dimensions), storage: self.storage)
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    /// The counter's total, or `nil` when it was never created.
    func counter(_ label: String, _ dimensions: [String: String]) -> Int64? {
        self.storage.counters.withLock { $0[Key(label: label, dimensions: dimensions)] }
    }

    /// The gauge's last value, or `nil` when nothing was recorded.
    func gauge(_ label: String, _ dimensions: [String: String]) -> Double? {
        self.storage.recorders.withLock { $0[Key(label: label, dimensions: dimensions)]?.last }
    }

    /// Every value recorded into the gauge, in order.
    func gaugeHistory(_ label: String, _ dimensions: [String: String]) -> [Double] {
        self.storage.recorders.withLock { $0[Key(label: label, dimensions: dimensions)] ?? [] }
    }

    /// Every duration recorded into the timer, in nanoseconds.
    func timer(_ label: String, _ dimensions: [String: String]) -> [Int64] {
        self.storage.timers.withLock { $0[Key(label: label, dimensions: dimensions)] ?? [] }
    }

    /// Every counter with `label` and a non-zero total, rendered `label{k="v",…} total`, sorted.
    func nonZeroCounters(_ label: String) -> [String] {
        self.storage.counters.withLock { counters in
            counters.filter { $0.key.label == label && $0.value != 0 }.map { "\($0.key) \($0.value)" }.sorted()
        }
    }
}
