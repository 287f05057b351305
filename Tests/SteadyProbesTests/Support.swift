import Foundation
import SteadyModel
import SteadyProbes
import Synchronization

/// A `SettingStore` in memory, shared between "restarts".
final class MemorySettingStore: SettingStore {
    private let values = Mutex<[String: String]>([:])
    private let failing = Mutex(false)

    func setting(_ key: String) async throws -> String? { values.withLock { $0[key] } }

    func setSetting(_ key: String, _ value: String) async throws {
        if failing.withLock({ $0 }) { throw CocoaError(.fileWriteUnknown) }
        values.withLock { $0[key] = value }
    }

    func failWrites(_ fail: Bool) { failing.withLock { $0 = fail } }
    var keys: [String] { values.withLock { Array($0.keys).sorted() } }
}

/// Collects what a service emits.
final class Collector<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    func append(_ item: Element) { items.withLock { $0.append(item) } }
    func append(contentsOf more: [Element]) { items.withLock { $0.append(contentsOf: more) } }
    var all: [Element] { items.withLock { $0 } }
    var count: Int { items.withLock { $0.count } }
}

/// Polls `condition` while yielding, up to a generous bound of iterations (no wall-clock assertion).
func eventually(_ iterations: Int = 20_000, _ condition: () -> Bool) async -> Bool {
    for _ in 0..<iterations {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return condition()
}

extension WallInstant {
    static func at(_ text: String) -> WallInstant { Timestamp.parse(text)! }
}

extension Alert {
    var isFiring: Bool { endsAt.nanosecondsSinceEpoch == .max }
}
