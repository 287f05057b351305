import SteadyConfig
import SteadyModel
import Testing

/// Each rule, with the exact `file:line:column: severity: message` it produces.
@Suite struct ValidationTests {
    static let service = """
        services:
          - name: checkout
            scrape:
              targets: ["127.0.0.1:8081"]

        """

    @Test func wrongDurationPointsAtTheValue() {
        let yaml = """
            services:
              - name: checkout
                scrape:
                  targets: ["127.0.0.1:8081"]
                  interval: ten seconds
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                #"steady.yml:5:17: error: services[0].scrape.interval: found "ten seconds", expected a duration like 15s or 1m30s"#
            ])
    }

    @Test func unknownKeysSuggestTheClosestKnownKey() {
        let yaml = """
            scrape:
              intervall: 10s
              time: 5s
            logging:
              lvl: info
              colour: true
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:2:3: error: scrape: unknown key 'intervall', did you mean 'interval'?",
                "steady.yml:3:3: error: scrape: unknown key 'time', did you mean 'timeout'?",
                "steady.yml:5:3: error: logging: unknown key 'lvl', did you mean 'level'?",
                "steady.yml:6:3: error: logging: unknown key 'colour'; expected one of level, format",
            ])
    }

    @Test func unknownTopLevelSection() {
        #expect(
            Fixture.diagnostics("servers:\n  listen: 127.0.0.1:4040\n") == [
                "steady.yml:1:1: error: top level: unknown key 'servers', did you mean 'server'?"
            ])
    }

    @Test func wrongTypesSayWhatWasFoundAndExpected() {
        let yaml = """
            server: [127.0.0.1]
            auth:
              anonymous_read: yes please
            services:
              name: checkout
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:1:9: error: server: found a list, expected a mapping with keys listen, external_url",
                #"steady.yml:3:19: error: auth.anonymous_read: found "yes please", expected true or false"#,
                "steady.yml:5:3: error: services: found a mapping, expected a list of services ({ name, scrape, signals, slos })",
            ])
    }

    @Test func invalidValuesSuggestTheClosestChoice() {
        #expect(
            Fixture.diagnostics("logging:\n  format: jsno\n  level: warn\n") == [
                #"steady.yml:2:11: error: logging.format: found "jsno", expected one of text or json (did you mean 'json'?)"#,
                #"steady.yml:3:10: error: logging.level: found "warn", expected one of trace, debug, info, notice, warning, error or critical (did you mean 'warning'?)"#,
            ])
    }

    @Test func listenAddresses() throws {
        let ipv6 = try ConfigLoader(environment: [:]).parse(yaml: "server: { listen: '[::1]:0' }", file: "steady.yml")
        #expect(ipv6.configuration.server.listenHost == "::1")
        #expect(ipv6.configuration.server.listenPort == 0)
        #expect(
            Fixture.diagnostics("server:\n  listen: 127.0.0.1:70000\n") == [
                #"steady.yml:2:11: error: server.listen: found "127.0.0.1:70000", expected a listen address like 127.0.0.1:4040 or [::1]:4040 (port 70000 is out of range 0–65535)"#
            ])
        #expect(
            Fixture.diagnostics("server:\n  listen: ::1:4040\n  external_url: ftp://x\n") == [
                #"steady.yml:2:11: error: server.listen: found "::1:4040", expected a listen address like 127.0.0.1:4040 or [::1]:4040 (IPv6 addresses must be written in brackets, like [::1]:4040)"#,
                #"steady.yml:3:17: error: server.external_url: found "ftp://x", expected an http:// or https:// URL like https://steady.example.com"#,
            ])
    }

    @Test func storageNeedsExactlyOneEngine() {
        let yaml = """
            storage:
              sqlite: { path: ./a.db }
              postgres: { url: postgres://localhost/steady }
              retention: 0s
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:3:3: error: storage: choose one storage engine, sqlite or postgres, not both",
                #"steady.yml:4:14: error: storage.retention: found "0s", expected a duration greater than 0, like 15s or 1m30s"#,
            ])
        #expect(
            Fixture.diagnostics("storage:\n  postgres:\n    url: mysql://x\n") == [
                #"steady.yml:3:10: error: storage.postgres.url: found "mysql://x", expected a URL like postgres://steady@127.0.0.1:5432/steady"#
            ])
    }

    @Test func tokens() {
        let yaml = """
            auth:
              tokens:
                - name: ci
                  role: admn
                  secret: short
                - name: ci
                  role: viewer
                  secret: ${MISSING}
                - role: viewer
                  secret: 0123456789abcdef
                - name: again
                  role: viewer
                  secret: 0123456789abcdef
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                #"steady.yml:4:13: error: auth.tokens[0].role: found "admn", expected one of viewer, responder or admin (did you mean 'admin'?)"#,
                "steady.yml:5:15: error: auth.tokens[0].secret: the secret is 5 characters long, expected at least 16 (generate one with `openssl rand -hex 32`)",
                "steady.yml:6:13: error: auth.tokens[1].name: duplicate token name 'ci' (first defined at line 3, column 13)",
                "steady.yml:8:15: error: auth.tokens[1].secret: environment variable MISSING is not set (write ${MISSING:-default} to give a default)",
                "steady.yml:9:7: error: auth.tokens[2]: missing required key 'name' (a token name)",
                "steady.yml:13:15: error: auth.tokens[3].secret: the same secret is already used by auth.tokens[2]",
            ])
    }

    @Test func scrapeTimeoutMustNotExceedTheInterval() {
        #expect(
            Fixture.diagnostics("scrape:\n  interval: 10s\n  timeout: 1m\n") == [
                #"steady.yml:3:12: error: scrape.timeout: found "1m", expected a timeout no longer than scrape.interval (10s)"#
            ])
        #expect(
            Fixture.diagnostics("scrape:\n  interval: 500ms\n") == [
                "steady.yml:2:13: warning: scrape.interval: scraping every 500ms is very frequent; intervals under 1s load the targets for little gain"
            ])
    }

    @Test func services() {
        let yaml = """
            services:
              - name: Checkout
              - name: api
                scrape:
                  targets: ["localhost", "http//x:1", "127.0.0.1:0", "127.0.0.1:1", "127.0.0.1:1", "gopher://x"]
                  timeout: 20s
                  metrics_path: metrics
                  scheme: ftp
                  labels: { 1a: x, __name__: y, ok: [1] }
              - name: api
                scrape: { targets: [] }
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                #"steady.yml:2:11: error: services[0].name: found "Checkout", expected a name of lower-case letters, digits, - and _ starting with a letter or digit"#,
                #"steady.yml:5:17: error: services[1].scrape.targets[0]: found "localhost", expected a target like 127.0.0.1:8081 or a URL like http://127.0.0.1:8081/metrics (missing :port)"#,
                #"steady.yml:5:30: error: services[1].scrape.targets[1]: found "http//x:1", expected a target like 127.0.0.1:8081 or a URL like http://127.0.0.1:8081/metrics ('http//x' is not a valid host name or address)"#,
                #"steady.yml:5:43: error: services[1].scrape.targets[2]: found "127.0.0.1:0", expected a target like 127.0.0.1:8081 or a URL like http://127.0.0.1:8081/metrics (port 0 is out of range 1–65535)"#,
                "steady.yml:5:73: error: services[1].scrape.targets[4]: duplicate target '127.0.0.1:1' (first listed at line 5, column 58)",
                #"steady.yml:5:88: error: services[1].scrape.targets[5]: found "gopher://x", expected a target like 127.0.0.1:8081 or a URL like http://127.0.0.1:8081/metrics"#,
                #"steady.yml:6:16: error: services[1].scrape.timeout: found "20s", expected a timeout no longer than interval (15s)"#,
                #"steady.yml:7:21: error: services[1].scrape.metrics_path: found "metrics", expected a path starting with /, like /metrics"#,
                #"steady.yml:8:15: error: services[1].scrape.scheme: found "ftp", expected one of http or https (did you mean 'http'?)"#,
                #"steady.yml:9:17: error: services[1].scrape.labels: found label name "1a", expected letters, digits and _ not starting with a digit"#,
                "steady.yml:9:24: error: services[1].scrape.labels: label names starting with __ are reserved",
                "steady.yml:9:41: error: services[1].scrape.labels.ok: found a list, expected a label value (string)",
                "steady.yml:10:11: error: services[2].name: duplicate service name 'api' (first defined at line 3, column 11)",
                "steady.yml:11:24: error: services[2].scrape.targets: the list is empty, expected at least one target",
            ])
    }

    @Test func latencySignalMustBeAHistogramFamily() {
        let yaml =
            Self.service + """
                    signals:
                      latency: http_request_duration_seconds_bucket{le="0.3"}
                      saturation_aggregation: median
                """
        #expect(
            Fixture.diagnostics(yaml) == [
                #"steady.yml:6:16: error: services[0].signals.latency: found "http_request_duration_seconds_bucket", expected a histogram family name without the _bucket suffix (http_request_duration_seconds)"#,
                #"steady.yml:7:31: error: services[0].signals.saturation_aggregation: found "median", expected one of max, avg or sum"#,
            ])
    }

    @Test func selectorErrorsPointInsideTheSelector() {
        let yaml =
            Self.service + """
                    signals:
                      requests: http_requests_total{code=5}
                      errors: 'http_requests_total{code=5}'
                      saturation: "fill{a=~\\"x\\", b=1}"
                """
        let diagnostics = Fixture.diagnostics(yaml)
        #expect(diagnostics.count == 3)
        // Plain scalar: the value starts at column 17, and `5` is at offset 25 of the selector.
        #expect(
            diagnostics.first?.hasPrefix(
                "steady.yml:6:42: error: services[0].signals.requests: invalid series selector: ") == true)
        // Quoted scalar: one more column for the quote.
        #expect(
            diagnostics.dropFirst().first?.hasPrefix(
                "steady.yml:7:41: error: services[0].signals.errors: invalid series selector: ") == true)
        // An escape before the error: the position inside cannot be mapped, so the scalar's own position is used.
        #expect(
            diagnostics.last?.hasPrefix(
                "steady.yml:8:19: error: services[0].signals.saturation: invalid series selector: ") == true)
    }

    @Test func sloRules() {
        let yaml =
            Self.service + """
                    slos:
                      - name: availability
                        objective: 100
                        period: 30d
                        calendar: { unit: month, timezone: Mars/Olympus_Mons }
                        sli: { ratio: { errors: a, good: b, total: c } }
                      - name: availability
                        objective: 99.999
                        budgeting: { timeslices: { slice: 31d, target: 1.5 } }
                        sli: { latency: { histogram: 'h_count', threshold: -1 } }
                      - name: third
                        objective: "0.999"
                        budgeting: timeslices
                        sli: { availability: { probe: "" } }
                        policy: { freeze_deploys_below: 110% }
                        alerting: { page: maybe, min_events: -1 }
                      - name: fourth
                """
        #expect(
            Fixture.diagnostics(yaml) == [
                #"steady.yml:7:20: error: services[0].slos[0].objective: found "100", expected a percentage strictly between 0 and 100, like 99.9"#,
                "steady.yml:9:9: error: services[0].slos[0]: choose a rolling period or a calendar, not both",
                #"steady.yml:9:44: error: services[0].slos[0].calendar.timezone: found "Mars/Olympus_Mons", expected an IANA time zone like Europe/Paris or UTC"#,
                "steady.yml:10:36: error: services[0].slos[0].sli.ratio: found both 'errors' and 'good', expected only one of errors, good",
                "steady.yml:11:15: error: services[0].slos[1].name: duplicate SLO name 'availability' in service 'checkout' (first defined at line 6, column 15)",
                "steady.yml:12:20: warning: services[0].slos[1].objective: an objective of 99.999 leaves an error budget of about 25s920ms per rolling 30d; that is hard to measure, let alone meet",
                #"steady.yml:13:43: error: services[0].slos[1].budgeting.timeslices.slice: found "31d", expected a slice shorter than the rolling 30d period"#,
                #"steady.yml:13:56: error: services[0].slos[1].budgeting.timeslices.target: found "1.5", expected a fraction greater than 0 and at most 1, or a percentage like 95%"#,
                #"steady.yml:14:38: error: services[0].slos[1].sli.latency.histogram: found "h_count", expected a histogram family name without the _count suffix (h)"#,
                #"steady.yml:14:60: error: services[0].slos[1].sli.latency.threshold: found "-1", expected a duration like 300ms or a number of seconds like 0.3, greater than 0"#,
                #"steady.yml:16:20: warning: services[0].slos[2].objective: the objective is a percentage; 0.999 means 0.999%, did you mean 99.9?"#,
                #"steady.yml:17:20: error: services[0].slos[2].budgeting: found "timeslices", expected occurrences, { timeslices: { slice: 1m, target: 0.95 } } or { ratio_timeslices: { slice: 1m } }"#,
                #"steady.yml:18:39: error: services[0].slos[2].sli.availability.probe: found "", expected the name of a probe"#,
                #"steady.yml:19:41: error: services[0].slos[2].policy.freeze_deploys_below: found "110%", expected a fraction between 0 and 1 or a percentage like 10%"#,
                "steady.yml:20:19: warning: services[0].slos[2].alerting.page: the 1h/5m pair needs an error ratio of "
                    + "1425.6144% with an objective of 0.999% over rolling 30d, so it can never fire; lower the budget "
                    + "share or shorten the period",
                "steady.yml:20:19: warning: services[0].slos[2].alerting.page: the 6h/30m pair needs an error ratio of "
                    + "594.006% with an objective of 0.999% over rolling 30d, so it can never fire; lower the budget "
                    + "share or shorten the period",
                "steady.yml:20:19: warning: services[0].slos[2].alerting.ticket: the 1d/2h pair needs an error ratio of "
                    + "297.003% with an objective of 0.999% over rolling 30d, so it can never fire; lower the budget "
                    + "share or shorten the period",
                #"steady.yml:20:27: error: services[0].slos[2].alerting.page: found "maybe", expected true or false"#,
                #"steady.yml:20:46: error: services[0].slos[2].alerting.min_events: found "-1", expected an integer between 0 and 1000000000"#,
                "steady.yml:21:9: error: services[0].slos[3]: missing required key 'objective' (a percentage strictly between 0 and 100, like 99.9)",
                "steady.yml:21:9: error: services[0].slos[3]: missing required key 'sli' (a mapping with one of ratio, latency, availability or raw)",
            ])
    }

    @Test func retentionShorterThanThePeriodIsAWarning() {
        let yaml = """
            storage: { retention: 7d }
            services:
              - name: api
                slos:
                  - { name: a, objective: 99, period: 28d, sli: { raw: { error_ratio_query: x } } }
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:5:43: warning: services[0].slos[0].period: the rolling 4w period is longer than storage.retention (1w); the budget only covers the data kept"
            ])
    }

    @Test func duplicateKeysAreErrors() {
        let yaml = """
            server:
              listen: 127.0.0.1:4040
              external_url: http://a
              listen: 127.0.0.1:4041
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:4:3: error: duplicate key 'listen' (first defined at line 2, column 3)"
            ])
        // Keys that only differ by quoting are the same key too.
        #expect(
            Fixture.diagnostics("logging: { level: info, 'level': debug }") == [
                "steady.yml:1:25: error: duplicate key 'level' (first defined at line 1, column 12)"
            ])
    }

    @Test func allErrorsAreReportedNotOnlyTheFirst() {
        let yaml = """
            server: { listen: nowhere }
            logging: { level: loud }
            services:
              - name: a
                scrape: { targets: ["127.0.0.1:1"], interval: often }
            """
        let errors = Fixture.errors(yaml)
        #expect(errors.count == 3)
        #expect(errors.map { $0.prefix(15) } == ["steady.yml:1:19", "steady.yml:2:19", "steady.yml:5:51"])
    }

    @Test func documentRootMustBeAMapping() {
        #expect(
            Fixture.diagnostics("- server\n- storage\n") == [
                "steady.yml:1:1: error: top level: found a list, expected a mapping of sections (server, storage, auth, logging, scrape, services, …)"
            ])
        #expect(
            Fixture.diagnostics("just some text") == [
                #"steady.yml:1:1: error: top level: found "just some text", expected a mapping of sections (server, storage, auth, logging, scrape, services, …)"#
            ])
    }

    @Test func diagnosticsRenderLikeACompiler() {
        let error = ConfigDiagnostic(file: "a.yml", line: 3, column: 7, severity: .error, message: "bad")
        let warning = ConfigDiagnostic(file: "a.yml", line: 1, column: 2, severity: .warning, message: "meh")
        let whole = ConfigDiagnostic(file: "missing.yml", line: 0, column: 0, severity: .error, message: "no such file")
        #expect(error.description == "a.yml:3:7: error: bad")
        #expect(warning.description == "a.yml:1:2: warning: meh")
        #expect(whole.description == "missing.yml: error: no such file")
        #expect(
            ConfigError(diagnostics: [warning, error]).description == "a.yml:1:2: warning: meh\na.yml:3:7: error: bad")
        #expect(ConfigError(diagnostics: [warning, error]).errors == [error])
    }

    @Test func availabilitySLIsMustNameAConfiguredProbe() {
        let yaml = """
            services:
              - name: shop
                slos:
                  - { name: up, objective: 99, sli: { availability: { probe: hom } } }
                  - { name: db, objective: 99, sli: { availability: { probe: database } } }
                  - { name: ok, objective: 99, sli: { availability: { probe: home } } }
            probes:
              - { name: home, http: { url: "http://127.0.0.1:8080/" } }
              - { name: cache, tcp: "127.0.0.1:6379" }
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:4:66: error: services[0].slos[0].sli.availability.probe: unknown probe 'hom'; did you mean 'home'?",
                "steady.yml:5:66: error: services[0].slos[1].sli.availability.probe: unknown probe 'database'; expected one of cache, home",
            ])
        let withoutProbes = """
            services:
              - name: shop
                slos: [{ name: up, objective: 99, sli: { availability: { probe: home } } }]
            """
        #expect(
            Fixture.diagnostics(withoutProbes) == [
                "steady.yml:3:69: error: services[0].slos[0].sli.availability.probe: unknown probe 'home'; the probes section defines none"
            ])
    }
}
