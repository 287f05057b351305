import Foundation
import SteadyConfig
import SteadyModel
import Testing

@Suite("SLO spec import and export")
struct SLOImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/formats")

    func fixture(_ name: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    func selector(_ text: String) -> SeriesSelector { try! SeriesSelector(parsing: text) }

    @Test("Sloth prometheus/v1: events become counter selectors, raw stays PromQL, tiers and labels map")
    func slothV1() throws {
        let result = try SLOImporter.import(text: try fixture("sloth-v1.yml"), fileName: "sloth-v1.yml")
        #expect(result.format == "sloth")
        #expect(result.slos.map(\.id) == ["myservice/requests-availability", "myservice/requests-ratio"])
        let availability = result.slos[0]
        #expect(availability.objective == 99.9)
        #expect(availability.period == .rolling(.seconds(30 * 86_400)))
        #expect(
            availability.sli
                == .ratio(
                    errors: selector(#"http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}"#),
                    good: nil, total: selector(#"http_request_duration_seconds_count{job="myservice"}"#)))
        #expect(availability.alerting.page?.severity == "pageteam")
        #expect(availability.alerting.ticket?.severity == "slack")
        #expect(availability.alerting.labels == Labels(["category": "availability"]))
        #expect(availability.labels["owner"] == "myteam")
        #expect(availability.labels["category"] == "availability")
        let ratio = result.slos[1]
        guard case .raw(let query) = ratio.sli else {
            Issue.record("expected a raw SLI, got \(ratio.sli)")
            return
        }
        #expect(query.contains("{{.window}}"))
        #expect(ratio.alerting.page == nil && ratio.alerting.ticket == nil)
        // Per-tier labels other than severity, Sloth's annotations and the raw SLI are reported.
        let messages = result.warnings.map(\.message)
        #expect(messages.contains { $0.contains("routing_key") })
        #expect(messages.contains { $0.contains("annotations") })
        #expect(messages.contains { $0.contains("raw PromQL") })
        #expect(result.warnings.allSatisfy { $0.file == "sloth-v1.yml" && $0.line > 1 })
    }

    @Test("Sloth CRD: camelCase keys, disabled ticket tier")
    func slothCRD() throws {
        let result = try SLOImporter.import(text: try fixture("sloth-crd.yml"), fileName: "crd.yml")
        #expect(result.format == "sloth-crd")
        #expect(result.slos.count == 1)
        #expect(result.slos[0].alerting.ticket == nil)
        #expect(result.slos[0].alerting.page?.severity == "pageteam")
        if case .ratio(let errors, _, _) = result.slos[0].sli {
            #expect(errors?.description.contains("429") == true)
        } else {
            Issue.record("expected a ratio SLI")
        }
    }

    @Test("OpenSLO v1: indicatorRef and inline indicators, calendar windows, timeslices, latency from buckets")
    func openSLO() throws {
        let result = try SLOImporter.import(text: try fixture("openslo.yml"), fileName: "openslo.yml")
        #expect(result.format == "openslo")
        #expect(result.slos.map(\.id) == ["my-rad-service/search-availability", "my-rad-service/search-latency"])
        let availability = result.slos[0]
        #expect(availability.objective == 99.5)
        #expect(availability.period == .rolling(.seconds(28 * 86_400)))
        #expect(
            availability.sli
                == .ratio(
                    errors: selector(#"http_requests_total{handler="/search",code=~"5.."}"#), good: nil,
                    total: selector(#"http_requests_total{handler="/search"}"#)))
        let latency = result.slos[1]
        #expect(latency.period == .calendar(.month, timeZone: "Europe/Paris"))
        #expect(latency.budgeting == .timeslices(slice: .seconds(60), sliceTarget: 0.95))
        #expect(
            latency.sli
                == .latency(
                    histogram: selector(#"http_request_duration_seconds{handler="/search"}"#), thresholdSeconds: 0.25))
        #expect(result.warnings.contains { $0.message.contains("alertPolicies") })
    }

    @Test("Pyrra: ratio and latency indicators, window, disabled alerting")
    func pyrra() throws {
        let result = try SLOImporter.import(text: try fixture("pyrra.yml"), fileName: "pyrra.yml")
        #expect(result.format == "pyrra")
        #expect(
            result.slos.map(\.id) == ["monitoring/prometheus-http-errors", "monitoring/prometheus-api-query-latency"])
        #expect(result.slos[0].period == .rolling(.seconds(14 * 86_400)))
        #expect(result.slos[0].objective == 99)
        #expect(
            result.slos[1].sli
                == .latency(
                    histogram: selector(
                        #"prometheus_http_request_duration_seconds{job="prometheus-k8s",handler="/api/v1/query"}"#),
                    thresholdSeconds: 0.1))
        #expect(result.slos[1].alerting.tiers.isEmpty)
    }

    @Test(
        "OpenSLO validation follows the go-sdk, with positions",
        arguments: [
            ("target: 0.995", "target: 99.5", "did you mean targetPercent: 99.5?"),
            ("target: 0.995", "target: 0.995\n      targetPercent: 99.5", "exactly one of target and targetPercent"),
            (
                "budgetingMethod: Occurrences", "budgetingMethod: Sometimes",
                "expected Occurrences, Timeslices or RatioTimeslices"
            ),
            ("name: my-rad-service-search-availability", "name: My_SLO", "DNS-1123 subdomain"),
            ("indicatorRef: search-errors", "indicatorRef: nowhere", "names no SLI document"),
            ("      timeSliceTarget: 0.95\n", "", "(Timeslices budgeting): missing required key 'timeSliceTarget'"),
        ])
    func openSLOValidation(_ original: String, _ replacement: String, _ message: String) throws {
        let text = try fixture("openslo.yml")
        let broken = text.replacingOccurrences(of: original, with: replacement)
        #expect(broken != text)
        do {
            _ = try SLOImporter.import(text: broken, fileName: "openslo.yml")
            Issue.record("expected an error containing \(message)")
        } catch {
            let errors = error.errors
            #expect(errors.count == 1)
            #expect(errors.first?.message.contains(message) == true, "\(errors)")
            #expect((errors.first?.line ?? 0) > 1)
        }
    }

    @Test(
        "imported SLOs written as steady.yml load back unchanged",
        arguments: ["sloth-v1.yml", "openslo.yml", "pyrra.yml"])
    func writerRoundTrip(_ name: String) throws {
        let imported = try SLOImporter.import(text: try fixture(name), fileName: name).slos
        let yaml = SteadySLOWriter.servicesYAML(imported)
        let loaded = try ConfigLoader().parse(yaml: yaml, file: "written.yml").configuration
        #expect(loaded.services.flatMap(\.slos) == imported, "\(yaml)")
    }

    @Test("OpenSLO export imports back to the same SLOs")
    func openSLORoundTrip() throws {
        let slos =
            try SLOImporter.import(text: try fixture("openslo.yml"), fileName: "openslo.yml").slos
            + SLOImporter.import(text: try fixture("pyrra.yml"), fileName: "pyrra.yml").slos.map { slo in
                var copy = slo
                copy.alerting = SLOAlerting()  // OpenSLO carries no burn-rate tiers
                copy.labels = Labels()
                return copy
            }
        let exported = OpenSLOExporter.export(slos)
        let back = try SLOImporter.import(text: exported, fileName: "exported.yml")
        #expect(back.slos.map(\.id) == slos.map(\.id))
        for (original, reimported) in zip(slos, back.slos) {
            #expect(reimported.sli == original.sli)
            #expect(reimported.period == original.period)
            #expect(reimported.budgeting == original.budgeting)
            #expect(reimported.objective == original.objective)
        }
    }

    @Test("seeded mutations of every fixture never crash the importer")
    func mutationsNeverCrash() throws {
        var random = SplitMix64(seed: 2026)
        let alphabet = Array(" :-\n\t{}[]\"'#&*!|>%@`,?=~.0123456789abcxyzQMw_") + ["é", "\u{0}"]
        for name in ["sloth-v1.yml", "sloth-crd.yml", "openslo.yml", "pyrra.yml"] {
            let original = Array(try fixture(name))
            for _ in 0..<300 {
                var text = original
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let position = Int.random(in: 0..<text.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: text.remove(at: position)
                    case 1: text.insert(alphabet.randomElement(using: &random)!, at: position)
                    default: text[position] = alphabet.randomElement(using: &random)!
                    }
                }
                _ = try? SLOImporter.import(text: String(text), fileName: name)
            }
        }
    }
}
