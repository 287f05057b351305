/// Expands `${VAR}` and `${VAR:-default}` in scalar values; `$$` is a literal `$`, any other `$` is kept as is.
///
/// `${VAR:-default}` uses the default when `VAR` is unset or empty (as in a POSIX shell); `${VAR}` with `VAR` unset
/// is an error.
struct EnvironmentInterpolator: Sendable {
    /// Why a `${…}` could not be expanded; `offset` is the UTF-8 offset of its `$` in the original value.
    struct Failure: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case unset(name: String)
            case unterminated
            case invalidName(String)
        }

        var kind: Kind
        var offset: Int

        var message: String {
            switch kind {
            case .unset(let name):
                "environment variable \(name) is not set (write ${\(name):-default} to give a default)"
            case .unterminated:
                "unterminated ${ in value (write $$ for a literal dollar sign)"
            case .invalidName(let name):
                "invalid environment variable name '\(name)' in ${…}; expected letters, digits and _"
            }
        }
    }

    let environment: [String: String]

    /// The expanded value and the failures (empty when everything expanded).
    func interpolate(_ value: String) -> (value: String, failures: [Failure]) {
        let bytes = Array(value.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else { return (value, []) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var failures: [Failure] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "$") {
                output.append(byte)
                index += 2
                continue
            }
            guard next == UInt8(ascii: "{") else {
                output.append(byte)
                index += 1
                continue
            }
            guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                failures.append(Failure(kind: .unterminated, offset: index))
                output.append(contentsOf: bytes[index...])
                break
            }
            let inner = Array(bytes[(index + 2)..<close])
            var nameBytes = inner
            var fallback: [UInt8]?
            if let colon = Self.firstDefaultSeparator(in: inner) {
                nameBytes = Array(inner[..<colon])
                fallback = Array(inner[(colon + 2)...])
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if !Self.isValidName(nameBytes) {
                failures.append(Failure(kind: .invalidName(name), offset: index))
            } else if let found = environment[name], fallback == nil || !found.isEmpty {
                output.append(contentsOf: found.utf8)
            } else if let fallback {
                output.append(contentsOf: fallback)
            } else {
                failures.append(Failure(kind: .unset(name: name), offset: index))
            }
            index = close + 1
        }
        return (String(decoding: output, as: UTF8.self), failures)
    }

    private static func firstDefaultSeparator(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "-") { return index }
            index += 1
        }
        return nil
    }

    private static func isValidName(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return bytes.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
