import Foundation
import SteadyModel
import Testing

@testable import SteadyStorage

@Suite("latency_buckets JSON")
struct LatencyBucketsJSONTests {
    private let buckets = [
        bucket(0.000_01, 0), bucket(0.005, 1), bucket(0.1, 2.5), bucket(1, 1e15), bucket(10, 123_456.75),
        bucket(.infinity, 123_460),
    ]

    @Test func writesLatencyBucketsCodableShape() throws {
        #expect(try LatencyBucketsJSON.encode([]) == "[]")
        #expect(
            try LatencyBucketsJSON.encode([bucket(0.1, 3), bucket(.infinity, 5)])
                == #"[{"le":"0.1","count":3.0},{"le":"+Inf","count":5.0}]"#)
        // What is written is what the model's own Codable reads.
        let text = try LatencyBucketsJSON.encode(buckets)
        #expect(try JSONDecoder().decode([LatencyBucket].self, from: Data(text.utf8)) == buckets)
    }

    @Test func roundTrips() throws {
        let text = try LatencyBucketsJSON.encode(buckets)
        #expect(LatencyBucketsJSON.parseOwnSpelling(text) == buckets)
        #expect(try LatencyBucketsJSON.decode(text) == buckets)
        #expect(try LatencyBucketsJSON.decode("[]") == [])
    }

    @Test func readsOtherSpellingsOfTheSameJSON() throws {
        let byFoundation = String(decoding: try JSONEncoder().encode(buckets), as: UTF8.self)
        #expect(try LatencyBucketsJSON.decode(byFoundation) == buckets)
        let spaced = #"[ { "count" : 2, "le" : "0.\u0035" }, {"le":"+Inf","count":4} ]"#
        #expect(LatencyBucketsJSON.parseOwnSpelling(spaced) == nil)
        #expect(try LatencyBucketsJSON.decode(spaced) == [bucket(0.5, 2), bucket(.infinity, 4)])
    }

    @Test func refusesWhatIsNotABucketList() {
        for text in ["", "[", #"[{"le":"0.1"}]"#, #"{"le":"0.1","count":1}"#, #"[{"le":"0.1","count":"x"}]"#] {
            #expect(throws: (any Error).self, "\(text)") { try LatencyBucketsJSON.decode(text) }
        }
        #expect(throws: StorageError.self) { try LatencyBucketsJSON.encode([bucket(1, .infinity)]) }
    }
}
