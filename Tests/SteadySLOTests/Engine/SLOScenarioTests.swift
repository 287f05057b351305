import SteadyModel
import Testing

@testable import SteadySLO

/// Drives an evaluator like the server does: a scrape every `interval` adds its increases to the current minute,
/// then the SLO is evaluated.
struct Simulation {
    var evaluator: SLOEvaluator
    var now: WallInstant
    let interval: Duration
    var fired: [(WallInstant, SLOAlert)] = []
    var resolved: [(WallInstant, SLOAlert)] = []
    var lastStatus: SLOStatus?

    init(
        _ spec: SLOSpec, start: WallInstant = WallInstant(secondsSinceEpoch: 1_767_225_600),
        interval: Duration = .seconds(10)
    ) {
        evaluator = SLOEvaluator(spec: spec)
        now = start
        self.interval = interval
    }

    /// Runs for `duration` with `requests` per scrape of which `errors` fail.
    mutating func run(
        for duration: Duration, requests: Double, errors: Double, until stop: ((Simulation) -> Bool)? = nil
    ) {
        let end = now.advanced(by: duration)
        while now < end {
            now = now.advanced(by: interval)
            evaluator.record(minute: now, good: requests - errors, total: requests)
            let actions = evaluator.evaluate(at: now)
            lastStatus = evaluator.status(at: now)
            for action in actions {
                switch action {
                case .fire(let alert): fired.append((now, alert))
                case .resolve(let alert): resolved.append((now, alert))
                }
            }
            if let stop, stop(self) { return }
        }
    }

    func firing(_ name: String, tier: String? = nil) -> Bool {
        evaluator.firingAlerts.contains { $0.name == name && (tier == nil || $0.labels["tier"] == tier) }
    }
}

@Suite("SLO scenarios on a simulated clock")
struct SLOScenarioTests {
    func availability(objective: Double = 99.9, alerting: SLOAlerting = SLOAlerting()) -> SLOSpec {
        SLOSpec(
            name: "availability", service: "checkout", objective: objective,
            sli: .ratio(
                errors: try! SeriesSelector(parsing: #"http_requests_total{code=~"5.."}"#), good: nil,
                total: try! SeriesSelector(parsing: "http_requests_total")),
            alerting: alerting)
    }

    @Test("a full outage on a 99.9 % SLO with 10 s scrapes pages within 60 s")
    func fullOutagePagesWithinAMinute() throws {
        var simulation = Simulation(availability())
        // Long enough that every page window is full of healthy traffic.
        simulation.run(for: .seconds(7 * 3600), requests: 100, errors: 0)
        #expect(simulation.fired.isEmpty)
        let outageStart = simulation.now
        simulation.run(for: .seconds(600), requests: 100, errors: 100) {
            $0.firing(SLOAlert.burnRateAlertName, tier: "page")
        }
        let page = try #require(simulation.fired.first { $0.1.labels["tier"] == "page" })
        let detection = outageStart.duration(to: page.0)
        #expect(detection <= .seconds(60))
        // The workbook's arithmetic: 0.1 % × 1 h × 14.4 = 51.8 s of full outage, rounded up to the next scrape.
        #expect(detection > .seconds(50))
        #expect(
            page.1.labels == [
                "alertname": "SLOErrorBudgetBurn", "service": "checkout", "slo": "availability", "severity": "critical",
                "tier": "page",
            ])
        #expect(page.1.annotations["description"]?.contains("over 1h") == true)
    }

    @Test("a 0.5 % error ratio on 99.9 % (burn 5) opens a ticket but never pages, and resolves after recovery")
    func slowBurnTicketsOnly() throws {
        var simulation = Simulation(availability())
        simulation.run(for: .seconds(3600), requests: 1000, errors: 0)
        simulation.run(for: .seconds(26 * 3600), requests: 1000, errors: 5)
        #expect(!simulation.fired.contains { $0.1.labels["tier"] == "page" })
        let ticket = try #require(simulation.fired.first { $0.1.labels["tier"] == "ticket" })
        #expect(ticket.1.labels["severity"] == "warning")
        #expect(simulation.firing(SLOAlert.burnRateAlertName, tier: "ticket"))
        // Recovery: the tier resolves once both short windows (2 h and 6 h) are clean.
        // After 3 h the 2 h window is clean, but the 6 h window still burns at 2.5× over the 3d/6h pair's 1×.
        simulation.run(for: .seconds(3 * 3600), requests: 1000, errors: 0)
        #expect(simulation.firing(SLOAlert.burnRateAlertName, tier: "ticket"))
        simulation.run(for: .seconds(3 * 3600), requests: 1000, errors: 0)
        #expect(
            !simulation.firing(SLOAlert.burnRateAlertName, tier: "ticket"),
            "\(simulation.evaluator.firingAlerts.map { $0.annotations["description"] ?? "" })")
        let resolved = try #require(simulation.resolved.first { $0.1.labels["tier"] == "ticket" })
        #expect(resolved.1.endsAt == resolved.0)
        #expect(resolved.1.startsAt == ticket.0)
    }

    @Test("the low-traffic guard keeps a window with too few events quiet")
    func lowTrafficGuard() {
        var quiet = Simulation(availability(alerting: SLOAlerting(minimumEvents: 10_000)))
        quiet.run(for: .seconds(2 * 3600), requests: 1, errors: 1)
        #expect(!quiet.firing(SLOAlert.burnRateAlertName))
        var loud = Simulation(availability(alerting: SLOAlerting(minimumEvents: 10)))
        loud.run(for: .seconds(2 * 3600), requests: 1, errors: 1)
        #expect(loud.firing(SLOAlert.burnRateAlertName, tier: "page"))
    }

    @Test("no events for no_data fires SLONoData; events resolve it")
    func noData() {
        var simulation = Simulation(availability())
        simulation.run(for: .seconds(600), requests: 10, errors: 0)
        simulation.run(for: .seconds(29 * 60), requests: 0, errors: 0)
        #expect(!simulation.firing(SLOAlert.noDataAlertName))
        simulation.run(for: .seconds(2 * 60), requests: 0, errors: 0)
        #expect(simulation.firing(SLOAlert.noDataAlertName))
        simulation.run(for: .seconds(10), requests: 10, errors: 0)
        #expect(!simulation.firing(SLOAlert.noDataAlertName))
    }

    @Test("budget figures are exact event counts over the period")
    func exactBudget() throws {
        var simulation = Simulation(availability(objective: 99))
        // 6 h: 600 requests a minute, 3 bad a minute (0.5 %): half the 1 % budget.
        simulation.run(for: .seconds(6 * 3600), requests: 100, errors: 0.5)
        let status = try #require(simulation.lastStatus)
        #expect(status.goodEventsCount == 6 * 360 * 99.5)
        #expect(status.badEventsCount == 6 * 360 * 0.5)
        let remaining = try #require(status.errorBudgetRemainingRatio)
        #expect(abs(remaining - 0.5) < 1e-12)
        #expect(abs(status.errorBudgetMinutes - 30 * 1440 * 0.01) < 1e-9)
        #expect(abs(status.errorBudgetRemainingMinutes - 30 * 1440 * 0.01 * 0.5) < 1e-9)
        let burn = try #require(status.currentBurnRate)
        #expect(abs(burn - 0.5) < 1e-12)
        // Half the budget left at burn 0.5: gone in half a period ÷ 0.5 = one period.
        let exhaustion = try #require(status.timeToExhaustionSeconds)
        #expect(abs(exhaustion - 30 * 86_400) < 1e-6)
        #expect(status.windows.map(\.window) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "period"])
    }

    @Test("an overspent budget raises SLOErrorBudgetExhausted and closes the default gate")
    func exhausted() {
        var simulation = Simulation(availability(objective: 99, alerting: SLOAlerting(page: nil, ticket: nil)))
        simulation.run(for: .seconds(3600), requests: 100, errors: 2)
        #expect(simulation.firing(SLOAlert.exhaustedAlertName))
        #expect(simulation.lastStatus?.gate.allowed == false)
    }

    @Test("a budget policy freezes deploys below its threshold")
    func gatePolicy() {
        var spec = availability(objective: 99, alerting: SLOAlerting(page: nil, ticket: nil))
        spec.freezeDeploysBelow = 0.25
        var simulation = Simulation(spec)
        simulation.run(for: .seconds(3600), requests: 100, errors: 0.7)  // 70 % of the budget spent
        #expect(simulation.lastStatus?.gate.allowed == true)
        simulation.run(for: .seconds(3600), requests: 100, errors: 0.9)  // 80 % spent overall
        let gate = simulation.lastStatus?.gate
        #expect(gate?.allowed == false)
        #expect(gate?.reason.contains("below the policy's 25%") == true)
    }

    @Test("timeslices: a slice is good when its SLI reaches the slice target")
    func timeslices() throws {
        var spec = availability(objective: 90, alerting: SLOAlerting(page: nil, ticket: nil))
        spec.budgeting = .timeslices(slice: .seconds(60), sliceTarget: 0.95)
        spec.period = .rolling(.seconds(86_400))
        var simulation = Simulation(spec, interval: .seconds(60))
        simulation.run(for: .seconds(60 * 60), requests: 100, errors: 1)  // 60 good slices
        simulation.run(for: .seconds(30 * 60), requests: 100, errors: 10)  // 30 bad slices
        let status = try #require(simulation.lastStatus)
        // Finished slices: those before the current minute.
        #expect(status.goodEventsCount + status.badEventsCount == 89)
        #expect(status.badEventsCount == 29)
        #expect(abs(status.errorBudgetTotal - 144) < 1e-9)  // 10 % of 1440 one-minute slices
        #expect(abs(status.errorBudgetRemaining - (144 - 29)) < 1e-9)
    }

    @Test("ratio timeslices average the slices' ratios")
    func ratioTimeslices() throws {
        var spec = availability(objective: 90, alerting: SLOAlerting(page: nil, ticket: nil))
        spec.budgeting = .ratioTimeslices(slice: .seconds(120))
        // Scrapes land on minutes 0, 1, 2…: slices are minutes 0–1, 2–3, 4–5.
        var simulation = Simulation(
            spec, start: WallInstant(secondsSinceEpoch: 1_767_225_600 - 60), interval: .seconds(60))
        // Slice A: 1 request, 1 error (ratio 0); slice B: 1000 requests, 0 errors (ratio 1).
        simulation.run(for: .seconds(120), requests: 0.5, errors: 0.5)
        simulation.run(for: .seconds(120), requests: 500, errors: 0)
        simulation.run(for: .seconds(60), requests: 0, errors: 0)
        let status = try #require(simulation.lastStatus)
        #expect(status.goodEventsCount + status.badEventsCount == 2)
        #expect(status.sliMeasurement == 0.5)  // occurrences would say 1000/1001
    }

    @Test("a calendar period resets at the boundary")
    func calendarReset() throws {
        var spec = availability(objective: 99, alerting: SLOAlerting(page: nil, ticket: nil, noDataAfter: nil))
        spec.period = .calendar(.week, timeZone: "UTC")
        // Start on Sunday 2026-11-22 20:00 UTC.
        var simulation = Simulation(spec, start: WallInstant(secondsSinceEpoch: 1_795_377_600), interval: .seconds(60))
        simulation.run(for: .seconds(3 * 3600), requests: 10, errors: 1)
        #expect(simulation.lastStatus?.badEventsCount == 180)
        simulation.run(for: .seconds(2 * 3600), requests: 10, errors: 0)
        let status = try #require(simulation.lastStatus)
        // Monday 00:00 reset: only the minutes since midnight count.
        #expect(status.periodStart == WallInstant(secondsSinceEpoch: 1_795_392_000))
        #expect(status.badEventsCount == 0)
        #expect(status.goodEventsCount == 10 * 61)
    }
}
