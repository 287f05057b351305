import SteadyModel

/// The binary form of alerts in `alert_log` and `alert_snapshot_chunks`: one blob holds many alerts.
///
/// ```
/// blob   := version:u8 record*
/// record := length:u32 (of what follows) startsNs:i64 endsNs:i64 updatedNs:i64 flags:u8
///           labels annotations generatorURL:string
/// labels := count:u32 (name:string value:string)*      -- sorted by name, as `Labels` keeps them
/// string := length:u32 utf8-bytes
/// ```
///
/// Integers are little-endian. The fixed fields come first so compaction can read an alert's `endsAt` and compute
/// its fingerprint (FNV-1a over the label bytes, as ``AlertFingerprint`` does) without building the alert.
enum AlertLogCoding {
    static let version: UInt8 = 1
    /// Bytes of `length` + the fixed fields.
    static let fixedSize = 4 + 8 + 8 + 8 + 1

    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "malformed alert log blob at byte \(offset): \(reason)" }
    }

    // MARK: - encoding

    /// A new blob holding `alerts`.
    static func encode(_ alerts: some Sequence<Alert>) -> [UInt8] {
        var bytes: [UInt8] = [version]
        for alert in alerts { append(alert, to: &bytes) }
        return bytes
    }

    static func append(_ alert: Alert, to bytes: inout [UInt8]) {
        let start = bytes.count
        appendInteger(UInt32(0), to: &bytes)
        appendInteger(alert.startsAt.nanosecondsSinceEpoch, to: &bytes)
        appendInteger(alert.endsAt.nanosecondsSinceEpoch, to: &bytes)
        appendInteger(alert.updatedAt.nanosecondsSinceEpoch, to: &bytes)
        bytes.append(alert.timeout ? 1 : 0)
        appendLabels(alert.labels, to: &bytes)
        appendLabels(alert.annotations, to: &bytes)
        appendString(alert.generatorURL, to: &bytes)
        let length = UInt32(truncatingIfNeeded: bytes.count - start - 4)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for index in 0..<4 { bytes[start + index] = raw[index] }
        }
    }

    private static func appendLabels(_ labels: Labels, to bytes: inout [UInt8]) {
        appendInteger(UInt32(truncatingIfNeeded: labels.count), to: &bytes)
        for label in labels {
            appendString(label.name, to: &bytes)
            appendString(label.value, to: &bytes)
        }
    }

    private static func appendString(_ string: String, to bytes: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            appendInteger(UInt32(truncatingIfNeeded: utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    private static func appendInteger<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    // MARK: - decoding

    /// One record of a blob, located but not yet decoded.
    struct Record {
        /// The record's bytes, `length` field included.
        var range: Range<Int>
        var fingerprint: AlertFingerprint
        var endsNanoseconds: Int64
    }

    /// Walks the records of `blob`, computing each one's fingerprint and `endsAt` without building alerts.
    static func records(
        in blob: UnsafeRawBufferPointer,
        _ body: (Record) throws -> Void
    ) throws {
        var reader = Reader(bytes: blob)
        try reader.header()
        while !reader.atEnd {
            let start = reader.offset
            let length = Int(try reader.integer(UInt32.self))
            guard length >= fixedSize - 4, length <= blob.count - reader.offset else {
                throw Malformed(offset: start, reason: "record length \(length) exceeds the blob")
            }
            let end = reader.offset + length
            reader.offset += 8
            let ends = try reader.integer(Int64.self)
            reader.offset = start + fixedSize
            var hash = AlertFingerprint.offset
            let labelCount = try reader.count()
            for _ in 0..<labelCount {
                for _ in 0..<2 {
                    let string = try reader.stringBytes()
                    for byte in string { hash = (hash ^ UInt64(byte)) &* AlertFingerprint.prime }
                    hash = (hash ^ UInt64(AlertFingerprint.separator)) &* AlertFingerprint.prime
                }
            }
            guard reader.offset <= end else { throw Malformed(offset: start, reason: "labels overrun the record") }
            try body(Record(range: start..<end, fingerprint: AlertFingerprint(value: hash), endsNanoseconds: ends))
            reader.offset = end
        }
    }

    /// Every alert of `blob`, in order.
    static func decode(_ blob: UnsafeRawBufferPointer) throws -> [Alert] {
        var reader = Reader(bytes: blob)
        try reader.header()
        var alerts: [Alert] = []
        while !reader.atEnd { alerts.append(try reader.alert()) }
        return alerts
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset >= bytes.count }

        mutating func header() throws {
            guard !bytes.isEmpty else { throw Malformed(offset: 0, reason: "empty blob") }
            guard bytes[0] == AlertLogCoding.version else {
                throw Malformed(offset: 0, reason: "unknown version \(bytes[0])")
            }
            offset = 1
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard bytes.count - offset >= size else {
                throw Malformed(offset: offset, reason: "expected \(size) more bytes")
            }
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]))
            }
            offset += size
            return T(littleEndian: value)
        }

        /// A count of pairs that must fit in the remaining bytes (each pair takes at least 8).
        mutating func count() throws -> Int {
            let start = offset
            let count = Int(try integer(UInt32.self))
            guard count <= (bytes.count - offset) / 8 else {
                throw Malformed(offset: start, reason: "\(count) labels cannot fit in the blob")
            }
            return count
        }

        mutating func stringBytes() throws -> UnsafeRawBufferPointer {
            let start = offset
            let length = Int(try integer(UInt32.self))
            guard length <= bytes.count - offset else {
                throw Malformed(offset: start, reason: "string length \(length) exceeds the blob")
            }
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        }

        mutating func string() throws -> String {
            String(decoding: try stringBytes(), as: UTF8.self)
        }

        mutating func labels() throws -> Labels {
            let count = try count()
            var pairs: [Label] = []
            pairs.reserveCapacity(count)
            var ordered = true
            for _ in 0..<count {
                let label = Label(try string(), try string())
                if let last = pairs.last, !(last.name < label.name) { ordered = false }
                if label.value.isEmpty { ordered = false }
                pairs.append(label)
            }
            // Written from `Labels`, so already sorted and unique; anything else is normalised, never trusted.
            return ordered ? Labels(presorted: pairs) : Labels(pairs)
        }

        mutating func alert() throws -> Alert {
            let start = offset
            let length = Int(try integer(UInt32.self))
            guard length >= AlertLogCoding.fixedSize - 4, length <= bytes.count - offset else {
                throw Malformed(offset: start, reason: "record length \(length) exceeds the blob")
            }
            let end = offset + length
            let starts = try integer(Int64.self)
            let ends = try integer(Int64.self)
            let updated = try integer(Int64.self)
            let flags = try integer(UInt8.self)
            let labelSet = try labels()
            let annotations = try labels()
            let generatorURL = try string()
            guard offset == end else {
                throw Malformed(offset: start, reason: "record holds \(end - offset) unexpected bytes")
            }
            return Alert(
                labels: labelSet, annotations: annotations,
                startsAt: WallInstant(nanosecondsSinceEpoch: starts), endsAt: WallInstant(nanosecondsSinceEpoch: ends),
                generatorURL: generatorURL, updatedAt: WallInstant(nanosecondsSinceEpoch: updated),
                timeout: flags & 1 != 0)
        }
    }
}
