import SteadyModel
import Testing

@testable import SteadyConfig

/// The `heartbeats:`, `probes:` and `watchdog:` sections, with exact `file:line:column` diagnostics.
@Suite struct HeartbeatConfigTests {
    static let uuid = "5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"

    static func parse(
        _ yaml: String, environment: [String: String] = [:]
    ) -> (
        heartbeats: [HeartbeatSpec], probes: [ProbeSpec], watchdog: WatchdogSpec?, diagnostics: [String]
    ) {
        ConfigReader.heartbeatSections(
            yaml: yaml, environment: environment, knownServices: ["checkout", "payments"])
    }

    @Test func readsPeriodAndCronHeartbeats() throws {
        let parsed = Self.parse(
            """
            heartbeats:
              - name: nightly-backup
                uuid: 5B4C3E1A-6F0E-4C52-9D8E-2F1B7A9C0D11
                cron: "30 2 * * mon-fri"
                timezone: Europe/Berlin
                grace: 2h
                labels: { team: storage }
                annotations: { runbook: "https://runbooks/backup" }
              - name: queue-drain
                uuid: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
                period: 5m
            """)
        #expect(parsed.diagnostics == [])
        try #require(parsed.heartbeats.count == 2)
        let backup = parsed.heartbeats[0]
        #expect(backup.name == "nightly-backup")
        #expect(backup.uuid == Self.uuid)
        #expect(backup.schedule == .cron(try CronExpression(parsing: "30 2 * * mon-fri"), timeZone: "Europe/Berlin"))
        #expect(backup.grace == .seconds(7200))
        #expect(backup.labels == Labels(["team": "storage"]))
        #expect(backup.annotations == Labels(["runbook": "https://runbooks/backup"]))
        let drain = parsed.heartbeats[1]
        #expect(drain.schedule == .period(.seconds(300)))
        #expect(drain.grace == .seconds(3600))
        #expect(drain.labels.isEmpty)
    }

    @Test func heartbeatErrorsPointAtTheValue() {
        let parsed = Self.parse(
            """
            heartbeats:
              - name: a
                uuid: not-a-uuid
                period: 1h
              - name: b
                uuid: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
                cron: "0 25 * * *"
              - name: c
                uuid: 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0
                cron: "@daily"
                timezone: Europe/Berln
              - name: d
                uuid: 11111111-2222-3333-4444-555555555555
              - name: e
                uuid: 21111111-2222-3333-4444-555555555555
                period: 1h
                cron: "@daily"
              - name: a
                uuid: 31111111-2222-3333-4444-555555555555
                period: 1h
                timezone: UTC
            """)
        #expect(
            parsed.diagnostics == [
                #"steady.yml:3:11: error: heartbeats[0].uuid: found "not-a-uuid", expected a UUID like 5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"#,
                #"steady.yml:7:11: error: heartbeats[1].cron: invalid cron expression "0 25 * * *": hour: 25 is out of range 0-23"#,
                #"steady.yml:9:11: error: heartbeats[2].uuid: duplicate heartbeat uuid '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0' (first defined at line 6, column 11)"#,
                #"steady.yml:11:15: error: heartbeats[2].timezone: found "Europe/Berln", expected an IANA time zone like Europe/Berlin or UTC (did you mean 'Europe/Berlin'?)"#,
                "steady.yml:12:5: error: heartbeats[3]: missing schedule: set either 'period' (like 1h) or 'cron' (like \"30 2 * * *\")",
                "steady.yml:16:5: error: heartbeats[4].period: set either 'period' or 'cron', not both",
                "steady.yml:18:11: error: heartbeats[5].name: duplicate heartbeat name 'a' (first defined at line 2, column 11)",
                "steady.yml:21:5: error: heartbeats[5].timezone: 'timezone' applies only to cron schedules",
            ])
        #expect(parsed.heartbeats.isEmpty)
    }

    @Test func readsProbes() throws {
        let parsed = Self.parse(
            """
            probes:
              - name: checkout-home
                service: checkout
                http:
                  url: https://shop.example.com/
                  method: HEAD
                  expected_status: 200-299
                  tls_expiry_warning: 21d
                  insecure_skip_verify: true
                interval: 1m
                timeout: 5s
                failure_threshold: 2
                labels: { severity: page }
              - name: postgres
                tcp: "[::1]:5432"
              - name: plain
                http: http://127.0.0.1:8080/health
                timeout: 25s
            """)
        #expect(parsed.diagnostics == [])
        try #require(parsed.probes.count == 3)
        let home = parsed.probes[0]
        #expect(
            home.kind
                == .http(
                    ProbeSpec.HTTPCheck(
                        url: "https://shop.example.com/", method: "HEAD", expectedStatus: 200...299,
                        tlsExpiryWarning: .seconds(21 * 86_400), insecureSkipVerify: true)))
        #expect(home.interval == .seconds(60))
        #expect(home.timeout == .seconds(5))
        #expect(home.failureThreshold == 2)
        #expect(home.service == "checkout")
        #expect(home.labels == Labels(["severity": "page"]))
        #expect(parsed.probes[1].kind == .tcp(host: "::1", port: 5432))
        #expect(parsed.probes[1].interval == .seconds(30))
        #expect(parsed.probes[1].timeout == .seconds(10))
        #expect(parsed.probes[1].service == nil)
        #expect(parsed.probes[2].kind == .http(ProbeSpec.HTTPCheck(url: "http://127.0.0.1:8080/health")))
        #expect(parsed.probes[2].timeout == .seconds(25))
    }

    @Test func probeErrorsPointAtTheValue() {
        let parsed = Self.parse(
            """
            probes:
              - name: a
                http: { url: "ftp://x", expected_status: 299-200 }
              - name: b
                tcp: db.internal
                service: chekout
              - name: c
                http: { url: "http://x/", method: FETCH }
                tcp: x:1
              - name: d
                interval: 10s
                timeout: 20s
                failure_threshold: 0
                http: http://x/
              - name: e
                http: { url: "http://x/", method: FETCH }
            """)
        #expect(
            parsed.diagnostics == [
                #"steady.yml:3:18: error: probes[0].http.url: found "ftp://x", expected an http:// or https:// URL like https://shop.example.com/health"#,
                #"steady.yml:3:46: error: probes[0].http.expected_status: found "299-200", expected an HTTP status like 200 or a range like 200-399"#,
                #"steady.yml:5:10: error: probes[1].tcp: found "db.internal", expected host:port like 127.0.0.1:5432 or [::1]:5432 (missing :port)"#,
                "steady.yml:6:14: error: probes[1].service: unknown service \"chekout\", did you mean 'checkout'?",
                "steady.yml:8:5: error: probes[2].http: set either 'http' or 'tcp', not both",
                #"steady.yml:12:14: error: probes[3].timeout: found "20s", expected a timeout no longer than interval (10s)"#,
                #"steady.yml:13:24: error: probes[3].failure_threshold: found "0", expected an integer between 1 and 1000"#,
                #"steady.yml:16:39: error: probes[4].http.method: found "FETCH", expected one of GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"#,
            ])
        // Probe d only has a bad timeout and threshold: it is kept with defaults; e keeps GET.
        #expect(parsed.probes.map(\.name) == ["d", "e"])
    }

    @Test func readsTheWatchdog() {
        let parsed = Self.parse(
            """
            watchdog:
              url: https://hc-ping.com/${HC_UUID}
              interval: 2m
              method: POST
            """, environment: ["HC_UUID": Self.uuid])
        #expect(parsed.diagnostics == [])
        #expect(
            parsed.watchdog
                == WatchdogSpec(
                    url: "https://hc-ping.com/\(Self.uuid)", interval: .seconds(120), timeout: .seconds(10),
                    method: "POST"))
    }

    @Test func watchdogNeedsAURL() {
        let parsed = Self.parse(
            """
            watchdog:
              interval: 1m
              methd: GET
            """)
        #expect(
            parsed.diagnostics == [
                "steady.yml:2:3: error: watchdog: missing required key 'url' (an http:// or https:// URL)",
                "steady.yml:3:3: error: watchdog: unknown key 'methd', did you mean 'method'?",
            ])
        #expect(parsed.watchdog == nil)
    }
}
