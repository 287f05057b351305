import SteadyModel

/// `{name="value",…}` label sets.
extension BodyParser {
    /// The metric name and label set of a sample whose `{` is at `position`, reused from the cache when the same
    /// bytes (name through `}`) were parsed before.
    mutating func series(nameStart: Int, nameEnd: Int) throws(ExpositionError) -> SeriesEntry {
        guard let close = closingBrace(from: position), close + 1 - nameStart <= tables.series.maxKeyLength else {
            return SeriesEntry(name: internName(nameStart, nameEnd), labels: try labelSet())
        }
        let key = UnsafeRawBufferPointer(start: base + nameStart, count: close + 1 - nameStart)
        let hash = tables.series.hash(key)
        if let cached = tables.series.lookup(key, hash: hash) {
            position = close + 1
            return cached
        }
        let entry = SeriesEntry(name: internName(nameStart, nameEnd), labels: try labelSet())
        if position == close + 1 { tables.series.insert(key, hash: hash, value: entry) }
        return entry
    }

    /// Where the label set opened at `open` closes, skipping quoted values; nil if the line ends first.
    func closingBrace(from open: Int) -> Int? {
        var index = open + 1
        var quoted = false
        while index < end {
            // Jump straight to the next byte that can change the state (little-endian loads: the lowest set bit
            // marks the first such byte).
            if index + 8 <= end {
                let specials = ASCII.labelSetSpecials(
                    UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                if specials == 0 {
                    index += 8
                    continue
                }
                index += specials.trailingZeroBitCount >> 3
            }
            let byte = base[index]
            if quoted {
                if byte == ASCII.backslash {
                    index += 2
                    continue
                }
                if byte == ASCII.quote { quoted = false } else if byte == ASCII.newline { return nil }
            } else if byte == ASCII.quote {
                quoted = true
            } else if byte == ASCII.closeBrace {
                return index
            } else if byte == ASCII.newline {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Parses the label set starting at the `{` at `position` (sorted, empty values dropped, duplicates rejected).
    mutating func labelSet() throws(ExpositionError) -> Labels {
        let blanksAllowed = format == .prometheusText
        position += 1
        scratchLabels.removeAll(keepingCapacity: true)
        var hasEmptyValue = false
        while true {
            if blanksAllowed { skipBlanks() }
            guard position < end else { throw error(at: position, expected: "label name or \"}\"") }
            if base[position] == ASCII.closeBrace {
                position += 1
                break
            }
            let nameStart = position
            guard ASCII.isLabelNameStart(base[position]) else {
                throw error(at: position, expected: "label name or \"}\"")
            }
            position += 1
            while position < end, ASCII.isLabelNameCharacter(base[position]) { position += 1 }
            let nameEnd = position
            if blanksAllowed { skipBlanks() }
            guard position < end, base[position] == ASCII.equals else {
                throw error(at: position, expected: "\"=\" after the label name")
            }
            position += 1
            if blanksAllowed { skipBlanks() }
            guard position < end, base[position] == ASCII.quote else {
                throw error(at: position, expected: "'\"' (start of the label value)")
            }
            position += 1
            let value = try labelValue()
            if value.isEmpty { hasEmptyValue = true }
            if nameEnd - nameStart == 8, matchesName("__name__", at: nameStart) {
                throw error(
                    at: nameStart, found: "label \"__name__\"", expected: "a label name other than __name__")
            }
            let name = internName(nameStart, nameEnd)
            try insertSorted(Label(name, value), nameStart: nameStart)
            if blanksAllowed { skipBlanks() }
            guard position < end else { throw error(at: position, expected: "\",\" or \"}\"") }
            if base[position] == ASCII.comma {
                position += 1
            } else if base[position] == ASCII.closeBrace {
                position += 1
                break
            } else {
                throw error(at: position, expected: "\",\" or \"}\"")
            }
        }
        if hasEmptyValue {
            // Empty values mean "label absent", as in Prometheus.
            return Labels(presorted: scratchLabels.filter { !$0.value.isEmpty })
        }
        return Labels(presorted: Array(scratchLabels))
    }

    private func matchesName(_ name: StaticString, at start: Int) -> Bool {
        let pointer = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where base[start + offset] != pointer[offset] { return false }
        return true
    }

    /// Keeps `scratchLabels` sorted by name (exposers usually sort already, so this is one comparison).
    private mutating func insertSorted(_ label: Label, nameStart: Int) throws(ExpositionError) {
        var index = scratchLabels.count
        while index > 0 {
            let previous = scratchLabels[index - 1].name
            if previous == label.name {
                throw error(
                    at: nameStart, found: "a second label \"\(label.name)\"",
                    expected: "unique label names in a label set")
            }
            if previous < label.name { break }
            index -= 1
        }
        if index == scratchLabels.count {
            scratchLabels.append(label)
        } else {
            scratchLabels.insert(label, at: index)
        }
    }

    /// The label value after its opening quote, through the closing quote; `\\`, `\"` and `\n` are unescaped and
    /// any other backslash sequence is kept as written (as Prometheus does).
    private mutating func labelValue() throws(ExpositionError) -> String {
        let start = position
        var escaped = false
        while true {
            if position + 8 <= end {
                let specials = ASCII.labelValueSpecials(
                    UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)))
                if specials == 0 {
                    position += 8
                    continue
                }
                position += specials.trailingZeroBitCount >> 3
            }
            guard position < end else { throw error(at: position, expected: "'\"' (end of the label value)") }
            let byte = base[position]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash {
                guard position + 1 < end, base[position + 1] != ASCII.newline else {
                    throw error(at: position + 1, expected: "an escaped character after \"\\\"")
                }
                escaped = true
                position += 2
                continue
            }
            if byte == ASCII.newline {
                throw error(at: position, expected: "'\"' (end of the label value; write a newline as \\n)")
            }
            position += 1
        }
        let valueEnd = position
        position += 1
        let value: String?
        if !escaped {
            value = internValue(UnsafeBufferPointer(start: base + start, count: valueEnd - start))
        } else {
            unescaped.removeAll(keepingCapacity: true)
            var index = start
            while index < valueEnd {
                let byte = base[index]
                if byte == ASCII.backslash, index + 1 < valueEnd {
                    let next = base[index + 1]
                    switch next {
                    case ASCII.backslash, ASCII.quote: unescaped.append(next)
                    case UInt8(ascii: "n"): unescaped.append(ASCII.newline)
                    default:
                        unescaped.append(byte)
                        unescaped.append(next)
                    }
                    index += 2
                } else {
                    unescaped.append(byte)
                    index += 1
                }
            }
            let bytes = unescaped
            value = bytes.withUnsafeBufferPointer { internValue($0) }
        }
        guard let value else { throw error(at: start, found: "invalid UTF-8", expected: "a UTF-8 label value") }
        return value
    }
}
