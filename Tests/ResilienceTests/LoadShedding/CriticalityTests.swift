import Resilience
import Testing

@Suite("Criticality")
struct CriticalityTests {
    @Test("header values round-trip", arguments: Criticality.allCases)
    func roundTrip(criticality: Criticality) {
        #expect(Criticality(headerValue: criticality.headerValue) == criticality)
    }

    @Test("header values are the SRE book's names")
    func names() {
        #expect(
            Criticality.allCases.map(\.headerValue) == ["SHEDDABLE", "SHEDDABLE_PLUS", "CRITICAL", "CRITICAL_PLUS"])
        #expect(Criticality.headerName == "x-criticality")
        #expect(Criticality.default == .critical)
    }

    @Test(
        "parsing is lenient about case, separators and blanks",
        arguments: [
            ("critical-plus", Criticality.criticalPlus), (" Sheddable_Plus ", .sheddablePlus), ("CRITICAL", .critical),
            ("critical plus", .criticalPlus), ("sheddable", .sheddable),
        ])
    func lenient(value: String, expected: Criticality) {
        #expect(Criticality(headerValue: value) == expected)
    }

    @Test("unknown values are rejected", arguments: ["", "urgent", "critical+", "sheddableplusplus"])
    func unknown(value: String) {
        #expect(Criticality(headerValue: value) == nil)
    }

    @Test("classes are ordered from sheddable to critical-plus")
    func order() {
        #expect(Criticality.allCases.sorted() == [.sheddable, .sheddablePlus, .critical, .criticalPlus])
        #expect(Criticality.sheddablePlus < .critical)
    }
}
