import SteadyConfig
import SteadyModel
import Testing

@Suite struct RoundTripTests {
    static let yaml = """
        server:
          listen: "[::]:4041"
          external_url: https://steady.example.com/
        storage:
          postgres:
            url: postgres://steady@127.0.0.1:5432/steady
          retention: 400d
        auth:
          anonymous_read: true
          tokens:
            - { name: ci, role: admin, secret: "${ADMIN_TOKEN}" }
            - name: oncall
              role: responder
              secret: ${ONCALL_TOKEN:-responder-secret-0001}
        logging: { level: debug, format: json }
        scrape: { interval: 30s, timeout: 20s }
        services:
          - name: checkout
            description: Checkout API
            scrape:
              targets: ["127.0.0.1:8081", "https://checkout.internal:8443/custom"]
              interval: 5s
              metrics_path: /stats
              scheme: https
              labels: { team: payments, env: "${ENV:-prod}" }
            signals:
              requests: rpc_total{job="checkout"}
              errors: rpc_total{job="checkout",status="error"}
              latency: rpc_duration_seconds{job="checkout"}
              saturation: queue_fill_ratio
              saturation_aggregation: avg
            slos:
              - name: availability
                description: Not failing
                objective: 99.95
                period: 28d
                sli: { ratio: { good: 'rpc_total{status="ok"}', total: rpc_total } }
                alerting: { page: false, ticket: true, min_events: 50 }
                policy: { freeze_deploys_below: 0.25 }
                labels: { tier: "1" }
              - name: latency
                objective: 99%
                calendar: { unit: quarter, timezone: America/New_York }
                budgeting: { timeslices: { slice: 5m, target: 95% } }
                sli: { latency: { histogram: rpc_duration_seconds, threshold: 0.25 } }
              - name: probe
                objective: 99.5
                calendar: { unit: week }
                budgeting: { ratio_timeslices: { slice: 1m } }
                sli: { availability: { probe: checkout-health } }
              - name: raw
                objective: 90
                budgeting: occurrences
                sli: { raw: { error_ratio_query: "sum(rate(errors[5m])) / sum(rate(total[5m]))" } }
          - name: inventory
        probes:
          - { name: checkout-health, service: checkout, http: { url: "https://checkout.internal:8443/healthz" } }
        route: { receiver: default, group_by: [alertname] }
        receivers:
          - name: default
            webhook_configs: [{ url: "${HOOK}" }]
        inhibit_rules: []
        time_intervals:
          - name: weekends
        templates: [ "templates/*.tmpl" ]
        """

    @Test func everyKeyLandsInTheModel() throws {
        let environment = ["ADMIN_TOKEN": "admin-secret-0123456789", "HOOK": "http://127.0.0.1:9000/hook"]
        let loaded = try ConfigLoader(environment: environment).parse(yaml: Self.yaml, file: "steady.yml")
        let config = loaded.configuration

        #expect(
            config.server
                == ServerSettings(listenHost: "::", listenPort: 4041, externalURL: "https://steady.example.com"))
        #expect(config.storage.engine == .postgres(url: "postgres://steady@127.0.0.1:5432/steady"))
        #expect(config.storage.retention == .seconds(400 * 86_400))
        #expect(
            config.auth
                == AuthSettings(
                    anonymousRead: true,
                    tokens: [
                        ConfiguredToken(name: "ci", role: .admin, secret: "admin-secret-0123456789"),
                        ConfiguredToken(name: "oncall", role: .responder, secret: "responder-secret-0001"),
                    ]))
        #expect(config.logging == LoggingSettings(level: "debug", format: .json))
        #expect(config.signals == SignalSettings(scrapeInterval: .seconds(30), scrapeTimeout: .seconds(20)))

        let checkout = try #require(config.service(named: "checkout"))
        #expect(checkout.description == "Checkout API")
        #expect(
            checkout.scrape
                == ScrapeSpec(
                    targets: ["127.0.0.1:8081", "https://checkout.internal:8443/custom"], interval: .seconds(5),
                    timeout: .seconds(5), metricsPath: "/stats", scheme: "https",
                    labels: Labels(["team": "payments", "env": "prod"])))
        let job = try LabelMatcher(name: "job", op: .equal, value: "checkout")
        #expect(
            checkout.signals
                == GoldenSignalSpec(
                    requests: SeriesSelector(metricName: "rpc_total", matchers: [job]),
                    errors: SeriesSelector(
                        metricName: "rpc_total",
                        matchers: [job, try LabelMatcher(name: "status", op: .equal, value: "error")]),
                    latency: SeriesSelector(metricName: "rpc_duration_seconds", matchers: [job]),
                    saturation: SeriesSelector(metricName: "queue_fill_ratio"),
                    saturationAggregation: .avg))
        #expect(
            checkout.slos.map(\.id) == ["checkout/availability", "checkout/latency", "checkout/probe", "checkout/raw"])
        #expect(
            checkout.slos[0]
                == SLOSpec(
                    name: "availability", service: "checkout", description: "Not failing", objective: 99.95,
                    period: .rolling(.seconds(28 * 86_400)), budgeting: .occurrences,
                    sli: .ratio(
                        errors: nil,
                        good: SeriesSelector(
                            metricName: "rpc_total",
                            matchers: [try LabelMatcher(name: "status", op: .equal, value: "ok")]),
                        total: SeriesSelector(metricName: "rpc_total")),
                    alerting: SLOAlerting(pageEnabled: false, ticketEnabled: true, minimumEvents: 50),
                    freezeDeploysBelow: 0.25, labels: Labels(["tier": "1"])))
        #expect(
            checkout.slos[1]
                == SLOSpec(
                    name: "latency", service: "checkout", objective: 99,
                    period: .calendar(.quarter, timeZone: "America/New_York"),
                    budgeting: .timeslices(slice: .seconds(300), sliceTarget: 0.95),
                    sli: .latency(histogram: SeriesSelector(metricName: "rpc_duration_seconds"), thresholdSeconds: 0.25)
                ))
        #expect(checkout.slos[2].period == .calendar(.week, timeZone: "UTC"))
        #expect(checkout.slos[2].budgeting == .ratioTimeslices(slice: .seconds(60)))
        #expect(checkout.slos[2].sli == .availability(probe: "checkout-health"))
        #expect(checkout.slos[3].sli == .raw(errorRatio: "sum(rate(errors[5m])) / sum(rate(total[5m]))"))
        #expect(checkout.slos[3].period == .rolling(.seconds(30 * 86_400)))

        let inventory = try #require(config.service(named: "inventory"))
        #expect(inventory == ServiceSpec(name: "inventory"))

        #expect(config.passthrough["route"] == "receiver: default\ngroup_by:\n- alertname\n")
        #expect(
            config.passthrough["receivers"]
                == "- name: default\n  webhook_configs:\n  - url: <secret>\n")
        #expect(config.passthrough["inhibit_rules"] == "[]\n")
        #expect(config.passthrough["time_intervals"] == "- name: weekends\n")
        #expect(config.passthrough["templates"] == "- \"templates/*.tmpl\"\n")
        #expect(
            loaded.warnings.map(\.description) == [
                "steady.yml:9:19: warning: auth.anonymous_read: anonymous reads are on and server.listen (::) is not "
                    + "a loopback address; anyone who can reach Steady can read it"
            ])
    }

    @Test func defaultsApplyWhenSectionsAreAbsent() throws {
        let loaded = try ConfigLoader(environment: [:]).parse(
            yaml: """
                scrape: { interval: 5s }
                services:
                  - name: api
                    scrape: { targets: ["localhost:9090"], interval: 2s }
                  - name: web
                    scrape: { targets: ["localhost:9091"] }
                """, file: "steady.yml")
        let config = loaded.configuration
        #expect(config.server == ServerSettings())
        #expect(config.storage == StorageSettings())
        #expect(config.auth == AuthSettings())
        #expect(config.logging == LoggingSettings())
        // An unset timeout is the default (10s) capped at the interval.
        #expect(config.signals == SignalSettings(scrapeInterval: .seconds(5), scrapeTimeout: .seconds(5)))
        #expect(config.services[0].scrape?.interval == .seconds(2))
        #expect(config.services[0].scrape?.timeout == .seconds(2))
        #expect(config.services[1].scrape?.interval == .seconds(5))
        #expect(config.services[1].scrape?.timeout == .seconds(5))
        #expect(config.services[1].signals == GoldenSignalSpec())
        #expect(loaded.warnings.isEmpty)
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let loaded = try ConfigLoader(environment: [:]).parse(
            yaml: """
                services:
                  - name: a
                    scrape: &scrape
                      targets: ["127.0.0.1:1"]
                      interval: 20s
                  - name: b
                    scrape:
                      <<: *scrape
                      interval: 30s
                  - name: c
                    scrape: *scrape
                """, file: "steady.yml")
        let services = loaded.configuration.services
        #expect(services.map { $0.scrape?.interval } == [.seconds(20), .seconds(30), .seconds(20)])
        #expect(services.map { $0.scrape?.targets } == [["127.0.0.1:1"], ["127.0.0.1:1"], ["127.0.0.1:1"]])
    }

    @Test func emptyFileLoadsDefaultsWithAWarning() throws {
        for text in ["", "# nothing yet\n", "---\n", "\u{FEFF}"] {
            let loaded = try ConfigLoader(environment: [:]).parse(yaml: text, file: "steady.yml")
            #expect(loaded.configuration == SteadyConfiguration())
            #expect(
                loaded.warnings.map(\.description) == [
                    "steady.yml:1:1: warning: the file is empty; using the default configuration"
                ])
        }
    }
}
