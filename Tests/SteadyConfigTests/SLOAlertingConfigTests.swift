import SteadyConfig
import SteadyModel
import Testing

@Suite("SLO alerting configuration")
struct SLOAlertingConfigTests {
    func config(
        _ alerting: String, objective: String = "99.9", period: String = "30d", interval: String = "15s"
    )
        -> String
    {
        """
        services:
          - name: api
            scrape: { targets: ["127.0.0.1:9"], interval: \(interval) }
            slos:
              - name: availability
                objective: \(objective)
                period: \(period)
                sli: { ratio: { errors: 'x{code="500"}', total: x } }
                alerting: \(alerting)
        """
    }

    @Test("custom tiers, severity, no_data, budget_exhausted and labels")
    func customTiers() throws {
        let yaml = config(
            "{ page: { severity: pager, windows: [{ long: 2h, short: 10m, budget: 4% }] }, ticket: false, "
                + "no_data: false, budget_exhausted: false, min_events: 50, labels: { team: core } }")
        let slo = try #require(try Fixture.load(yaml).get().configuration.services.first?.slos.first)
        #expect(
            slo.alerting.page
                == BurnRateTier(
                    name: "page", severity: "pager",
                    windows: [BurnRateWindow(long: .seconds(7200), short: .seconds(600), budgetConsumed: 0.04)]))
        #expect(slo.alerting.ticket == nil)
        #expect(slo.alerting.noDataAfter == nil)
        #expect(!slo.alerting.budgetExhausted)
        #expect(slo.alerting.minimumEvents == 50)
        #expect(slo.alerting.labels == Labels(["team": "core"]))
        // 4 % of 30 days in 2 hours: a burn rate of 14.4.
        #expect(
            abs((slo.alerting.page?.windows[0].threshold(periodLength: slo.period.nominalLength) ?? 0) - 14.4) < 1e-9)
    }

    @Test("defaults are the SRE Workbook tiers")
    func defaults() throws {
        let slo = try #require(try Fixture.load(config("{}")).get().configuration.services.first?.slos.first)
        #expect(slo.alerting == SLOAlerting())
        #expect(slo.alerting.page?.windows.map { $0.threshold(periodLength: .seconds(30 * 86_400)) } == [14.4, 6])
    }

    @Test("bad windows are errors with positions")
    func badWindows() {
        let errors = Fixture.errors(
            config(
                "{ page: { windows: [{ long: 5m, short: 1h, budget: 2% }, { long: 90s, short: 30s, budget: 1% }] } }"))
        #expect(errors.count == 2)
        #expect(errors.first?.contains("expected a short window shorter than the long window (5m)") == true)
        #expect(errors.last?.contains("windows are made of whole minutes") == true)
        #expect(errors.allSatisfy { $0.hasPrefix("steady.yml:9:") })
    }

    @Test("pairs that can never fire, burn rates below 1 and windows shorter than two scrapes are warned about")
    func warnings() {
        let never = Fixture.diagnostics(config("{ ticket: false }", objective: "50"))
        #expect(
            never.contains {
                $0.contains("the 1h/5m pair needs an error ratio of 720%") && $0.contains("can never fire")
            })
        let slow = Fixture.diagnostics(config("{ page: { windows: [{ long: 1d, short: 1h, budget: 1% }] } }"))
        #expect(slow.contains { $0.contains("burn rate below 1") })
        let sparse = Fixture.diagnostics(config("{}", interval: "3m"))
        #expect(sparse.contains { $0.contains("5m short window holds fewer than two scrapes") })
        #expect(Fixture.diagnostics(config("{}")).isEmpty)
    }
}
