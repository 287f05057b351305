import ArgumentParser
import Foundation
import Logging
import SteadyDemoService
import SteadyModel
import SteadyServer

/// `steady demo`: everything on loopback, with SLOs and history, in one command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Steady with a live demo service and traffic on 127.0.0.1 (Ctrl-C stops everything)."
    )

    @Option(help: "Steady's port (0 picks a free one).")
    var port: Int = 4040

    @Option(help: "The demo checkout service's port (0 picks a free one).")
    var servicePort: Int = 0

    @Option(help: "Stop by itself after this many seconds.")
    var duration: Double?

    @Option(help: "Where the demo keeps its data.")
    var dataDir: String = "./.steady-demo"

    @Option(help: "Requests per second the traffic generator sends.")
    var rate: Double = 8

    @Option(help: "Scrape interval in seconds.")
    var scrapeInterval: Double = 5

    @Option(help: "Days of synthetic history to backfill (0 for none).")
    var backfillDays: Int = 3

    @Flag(help: "Also run Prometheus: it scrapes the demo service and sends an error-rate alert to Steady.")
    var withPrometheus = false

    @Option(help: "The Prometheus binary for --with-prometheus.")
    var prometheusPath = "/usr/bin/prometheus"

    @Option(help: "Log format: text or json.")
    var logFormat: LoggingSettings.Format = .text

    @Option(help: "Log level.")
    var logLevel: String = "warning"

    @OptionGroup var output: FormatOption

    func validate() throws {
        guard (0...65535).contains(port), (0...65535).contains(servicePort) else {
            throw ValidationError("ports must be between 0 and 65535")
        }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
        guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be in (0, 1000]") }
        guard scrapeInterval >= 1 else { throw ValidationError("--scrape-interval must be at least 1 second") }
        guard (0...30).contains(backfillDays) else { throw ValidationError("--backfill-days must be 0…30") }
    }

    func run() async throws {
        LoggingSetup.bootstrap(format: logFormat, level: logLevel)
        let logger = Logger(label: "steady.demo")
        let progress = output.format == .table
        if progress { print("Preparing the demo in \(dataDir) (backfilling \(backfillDays) days of history)…") }
        let runner: DemoRunner
        do {
            runner = try await DemoRunner.make(
                options: DemoOptions(
                    port: port, servicePort: servicePort, dataDirectory: dataDir,
                    scrapeInterval: .milliseconds(Int64(scrapeInterval * 1000)), requestsPerSecond: rate,
                    backfillDays: backfillDays, handleSignals: true,
                    prometheusPath: withPrometheus ? prometheusPath : nil),
                logger: logger)
        } catch {
            Output.error("cannot start the demo: \(error)")
            throw ExitCode(1)
        }
        let format = output.format
        if progress {
            runner.onPage { page in
                let labels = page.labels.filter { $0.key != "alertname" }.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print("PAGE  \(page.status.uppercased())  \(page.alertNames.joined(separator: ", "))  \(labels)")
                fflush(nil)
            }
        }
        let durationText = duration.map { " for \(Int($0)) s" } ?? ""
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await runner.run { info in
                    switch format {
                    case .json:
                        try? Output.printJSONObject([
                            "steady_url": info.steadyURL, "dashboard_url": info.steadyURL + "/",
                            "service_url": info.serviceURL, "admin_token": info.adminToken,
                            "fault_token": info.faultToken, "pager_url": info.pagerURL,
                            "prometheus_url": info.prometheusURL ?? "",
                        ])
                    case .table:
                        print(DemoBanner.text(info: info, durationText: durationText))
                    }
                    fflush(nil)
                }
                return true
            }
            if let duration {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(duration * 1000)))
                    await runner.shutdown()
                    return false
                }
            }
            // Wait for the server itself to finish (its graceful shutdown included), then stop the timer.
            while let finished = try await group.next() {
                if finished { break }
            }
            group.cancelAll()
        }
        if progress {
            let stats = runner.traffic.stats()
            print(
                "Demo stopped. The traffic generator sent \(stats.sent) requests (\(stats.byStatus[500] ?? 0) answered 500)."
            )
        }
    }
}

enum DemoBanner {
    static func text(info: DemoInfo, durationText: String) -> String {
        let prometheus = info.prometheusURL.map { "\n  Prometheus    \($0)  (scrapes checkout; its alerts go to Steady)" } ?? ""
        return """

        Steady demo is running\(durationText). Ctrl-C stops everything.

          Dashboard     \(info.steadyURL)/
          API           \(info.steadyURL)/api/v1/services
          Demo service  \(info.serviceURL)  (checkout API, metrics at /metrics)
          Admin token   \(info.adminToken)
          Pager         \(info.pagerURL)  (webhook receiver; pages are printed below)\(prometheus)

        Try next:
          curl -s \(info.steadyURL)/api/v1/services/checkout | jq
          curl -s '\(info.steadyURL)/api/v1/services/checkout/signals?step=5m' | jq '.points[-3:]'
          curl -s \(info.steadyURL)/api/v1/targets | jq
          swift run steady services --server \(info.steadyURL)
          # break the demo service for 5 minutes (30% errors, +200 ms):
          curl -s -X POST -H 'Authorization: Bearer \(info.faultToken)' -H 'Content-Type: application/json' \\
               -d '{"errorRatio":0.3,"addedLatencyMs":200,"ttlSeconds":300}' \(info.serviceURL)/admin/faults
          # …then watch it page: a PAGE line appears here, and in the notification history
          curl -s \(info.steadyURL)/api/v1/notifications | jq '.notifications[0]'
          # an API token for scripts:
          STEADY_TOKEN=\(info.adminToken) swift run steady token create --role viewer --server \(info.steadyURL)

        """
    }
}
