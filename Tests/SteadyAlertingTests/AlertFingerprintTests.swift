import SteadyAlerting
import SteadyModel
import Testing

@Suite("Alert fingerprints")
struct AlertFingerprintTests {
    @Test("match prometheus/common's label-set signatures")
    func knownVectors() {
        // The vectors of prometheus/common's model signature tests.
        #expect(AlertFingerprint(Labels()).value == 14_695_981_039_346_656_037)
        #expect(
            AlertFingerprint(Labels(["name": "garland, briggs", "fear": "love is not enough"])).value
                == 5_799_056_148_416_392_346)
        #expect(AlertFingerprint(Labels()).hex == "cbf29ce484222325")
    }

    @Test("order of construction does not matter; any label change does")
    func stability() {
        let a = AlertFingerprint(Labels(["alertname": "X", "service": "checkout"]))
        let b = AlertFingerprint(Labels(["service": "checkout", "alertname": "X"]))
        #expect(a == b)
        #expect(a != AlertFingerprint(Labels(["alertname": "X", "service": "checkouT"])))
        // The separator keeps name/value boundaries apart.
        #expect(AlertFingerprint(Labels(["ab": "c"])) != AlertFingerprint(Labels(["a": "bc"])))
        #expect(a.hex.count == 16)
    }
}
