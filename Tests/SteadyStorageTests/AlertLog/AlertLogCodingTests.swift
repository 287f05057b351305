import SteadyModel
import Testing

@testable import SteadyStorage

@Suite("Alert log coding")
struct AlertLogCodingTests {
    static let alerts: [Alert] = [
        Alert(
            labels: Labels(["alertname": "HighLatency", "service": "checkout", "ünïcode": "🚨 \u{0}\n\"x\""]),
            annotations: Labels(["summary": "p99 above 300 ms", "runbook": "https://runbooks/x?a=1&b=2"]),
            startsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_000_123_456_789),
            endsAt: WallInstant(nanosecondsSinceEpoch: -1), generatorURL: "http://prometheus:9090/graph",
            updatedAt: WallInstant(nanosecondsSinceEpoch: .max), timeout: true),
        Alert(
            labels: Labels(), startsAt: WallInstant(nanosecondsSinceEpoch: .min),
            endsAt: WallInstant(nanosecondsSinceEpoch: 0), updatedAt: WallInstant(nanosecondsSinceEpoch: 0)),
    ]

    @Test func roundTripsEveryField() throws {
        let blob = AlertLogCoding.encode(Self.alerts)
        #expect(try blob.withUnsafeBytes(AlertLogCoding.decode) == Self.alerts)
        #expect(try AlertLogCoding.encode([Alert]()).withUnsafeBytes(AlertLogCoding.decode).isEmpty)
    }

    @Test func recordsGiveFingerprintsEndsAndBytesWithoutDecoding() throws {
        let blob = AlertLogCoding.encode(Self.alerts)
        var records: [AlertLogCoding.Record] = []
        try blob.withUnsafeBytes { raw in try AlertLogCoding.records(in: raw) { records.append($0) } }
        #expect(records.map(\.fingerprint) == Self.alerts.map(\.fingerprint))
        #expect(records.map(\.endsNanoseconds) == Self.alerts.map(\.endsAt.nanosecondsSinceEpoch))
        // A record's bytes are a blob of its own once prefixed with the version (how snapshots are written).
        for (record, alert) in zip(records, Self.alerts) {
            let single = [AlertLogCoding.version] + Array(blob[record.range])
            #expect(try single.withUnsafeBytes(AlertLogCoding.decode) == [alert])
        }
    }

    @Test func unsortedLabelsAreNormalisedNotTrusted() throws {
        // Hand-written record: labels "b" then "a" (and an empty value), which `Labels` never produces.
        var record: [UInt8] = []
        func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { record.append(contentsOf: $0) } }
        func string(_ text: String) {
            u32(text.utf8.count)
            record.append(contentsOf: text.utf8)
        }
        record.append(contentsOf: [UInt8](repeating: 0, count: 25))
        u32(3)
        string("b")
        string("2")
        string("a")
        string("1")
        string("c")
        string("")
        u32(0)
        string("")
        var blob: [UInt8] = [AlertLogCoding.version]
        withUnsafeBytes(of: UInt32(record.count).littleEndian) { blob.append(contentsOf: $0) }
        blob += record
        let decoded = try blob.withUnsafeBytes(AlertLogCoding.decode)
        #expect(decoded.map(\.labels) == [Labels(["a": "1", "b": "2"])])
    }

    @Test func malformedBlobsThrowAndNeverCrash() throws {
        #expect(throws: AlertLogCoding.Malformed.self) { try [UInt8]().withUnsafeBytes(AlertLogCoding.decode) }
        #expect(throws: AlertLogCoding.Malformed.self) { try [UInt8(9)].withUnsafeBytes(AlertLogCoding.decode) }
        let valid = AlertLogCoding.encode(Self.alerts)
        for length in 1..<valid.count {
            let truncated = Array(valid[..<length])
            // A cut exactly between records is a valid, shorter blob; anywhere else is malformed.
            if let decoded = try? truncated.withUnsafeBytes(AlertLogCoding.decode) {
                #expect(decoded.count < Self.alerts.count)
            }
        }
        var generator = SplitMix64(seed: 0x5EED)
        var failures = 0
        for _ in 0..<20_000 {
            var mutated = valid
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = 1 + Int(generator.next() % UInt64(mutated.count - 1))
                mutated[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try mutated.withUnsafeBytes(AlertLogCoding.decode)
                try mutated.withUnsafeBytes { raw in try AlertLogCoding.records(in: raw) { _ in } }
            } catch is AlertLogCoding.Malformed {
                failures += 1
            }
        }
        #expect(failures > 1_000, "mutated lengths must be caught, not read past the blob")
    }
}
