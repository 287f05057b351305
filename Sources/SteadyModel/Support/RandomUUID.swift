public import Foundation

extension UUID {
    /// A random (version 4) UUID drawn from `SystemRandomNumberGenerator` (`getrandom` on Linux), in lower case as
    /// Steady stores ids. `UUID()` in swift-corelibs-foundation opens and reads `/dev/urandom` for every id, three
    /// system calls on the path of every notification.
    ///
    /// ```swift
    /// let id = UUID.randomLowercased()   // "3f2b…-…"
    /// ```
    public static func randomLowercased() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (generator.next() as UInt64, generator.next() as UInt64)
        let uuid = withUnsafeMutableBytes(of: &bytes) { raw -> uuid_t in
            raw[6] = (raw[6] & 0x0F) | 0x40  // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 4122 variant
            return raw.load(as: uuid_t.self)
        }
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}
