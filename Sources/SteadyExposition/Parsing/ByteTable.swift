/// A bounded hash table from short byte strings to values, used to reuse `String`s and `Labels` that repeat within
/// a scrape body and across scrapes of the same target, so the hot loop allocates little.
///
/// Keys are copied into one arena. Probing is bounded, so crafted input cannot make a lookup slow: a key that does
/// not fit within the probe limit is simply not cached.
struct ByteTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var start: Int
        var length: Int
        var value: Value
    }

    private var slots: [Int32]
    private var entries: [Entry] = []
    private var arena: [UInt8] = []
    private let seed: UInt64
    let maxKeyLength: Int
    private let maxEntries: Int
    private let maxArenaBytes: Int

    private static var maxProbes: Int { 16 }

    init(maxKeyLength: Int, maxEntries: Int, maxArenaBytes: Int) {
        self.maxKeyLength = maxKeyLength
        self.maxEntries = maxEntries
        self.maxArenaBytes = maxArenaBytes
        slots = []
        seed = UInt64.random(in: 1...UInt64.max)
    }

    /// Slots start small and double while the table is more than half full, so small bodies stay cheap.
    private static var initialSlots: Int { 256 }

    /// Whether the table is full; callers clear it between bodies so a changing target does not pin stale keys.
    var isFull: Bool { entries.count >= maxEntries || arena.count >= maxArenaBytes }

    mutating func removeAll() {
        slots = []
        entries.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash = seed ^ (UInt64(truncatingIfNeeded: key.count) &* 0x9E37_79B9_7F4A_7C15)
        var index = 0
        let count = key.count
        guard let base = key.baseAddress else { return hash }
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// The value stored for `key`, if any.
    func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Value? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maxProbes {
            let index = Int(slots[slot])
            if index == 0 { return nil }
            if entries[index - 1].hash == hash && entries[index - 1].length == key.count
                && arenaEquals(entries[index - 1].start, key)
            {
                return entries[index - 1].value
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key` unless the table is full, the key is too long, or its probe run is too long.
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) {
        guard key.count <= maxKeyLength, !isFull else { return }
        if slots.isEmpty {
            slots = [Int32](repeating: 0, count: Self.initialSlots)
        } else if entries.count * 2 >= slots.count {
            grow()
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maxProbes {
            if slots[slot] == 0 {
                let start = arena.count
                arena.append(contentsOf: key)
                entries.append(Entry(hash: hash, start: start, length: key.count, value: value))
                slots[slot] = Int32(truncatingIfNeeded: entries.count)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the slots and re-inserts every entry (an entry whose probe run would be too long is forgotten).
    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for index in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
            for _ in 0..<Self.maxProbes {
                if grown[slot] == 0 {
                    grown[slot] = Int32(truncatingIfNeeded: index + 1)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        slots = grown
    }

    private func arenaEquals(_ start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { stored in
            guard let storedBase = stored.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
            let count = key.count
            var index = 0
            while index + 8 <= count {
                if storedBase.loadUnaligned(fromByteOffset: start + index, as: UInt64.self)
                    != keyBase.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                {
                    return false
                }
                index += 8
            }
            while index < count {
                if storedBase.load(fromByteOffset: start + index, as: UInt8.self)
                    != keyBase.load(fromByteOffset: index, as: UInt8.self)
                {
                    return false
                }
                index += 1
            }
            return true
        }
    }
}
