import Foundation
import SteadyModel
import Testing

@Suite("Random UUIDs")
struct RandomUUIDTests {
    @Test func idsAreLowerCaseVersion4UUIDs() throws {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let id = UUID.randomLowercased()
            #expect(id == id.lowercased())
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4)
            #expect(bytes[8] >> 6 == 0b10)
            seen.insert(id)
        }
        #expect(seen.count == 1_000)
    }
}
