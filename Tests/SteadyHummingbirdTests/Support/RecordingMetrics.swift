import CoreMetrics
import Synchronization

/// A metrics backend that remembers the latest value of every series, keyed `name{k=v,…}` with sorted labels.
final class RecordingMetrics: MetricsFactory, Sendable {
    final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let key: String
        let store: RecordingMetrics

        init(key: String, store: RecordingMetrics) {
            self.key = key
            self.store = store
        }

        func increment(by amount: Int64) { store.update(key) { $0 += Double(amount) } }
        func reset() { store.update(key) { $0 = 0 } }
        func record(_ value: Int64) { store.update(key) { $0 = Double(value) } }
        func record(_ value: Double) { store.update(key) { $0 = value } }
        func recordNanoseconds(_ duration: Int64) {
            store.update(key + "#count") { $0 += 1 }
            store.update(key + "#sum") { $0 += Double(duration) / 1e9 }
        }
    }

    private let values = Mutex<[String: Double]>([:])

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        let labels = dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        return labels.isEmpty ? label : "\(label){\(labels)}"
    }

    func value(_ label: String, _ dimensions: [(String, String)] = []) -> Double? {
        values.withLock { $0[Self.key(label, dimensions)] }
    }

    /// Every key that starts with `prefix`.
    func keys(prefix: String) -> [String] {
        values.withLock { $0.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    func update(_ key: String, _ change: (inout Double) -> Void) {
        values.withLock { values in
            var value = values[key] ?? 0
            change(&value)
            values[key] = value
        }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let key = Self.key(label, dimensions)
        update(key) { _ in }
        return Handler(key: key, store: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), store: self)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: Self.key(label, dimensions), store: self)
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}
