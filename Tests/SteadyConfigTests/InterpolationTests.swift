import SteadyConfig
import SteadyModel
import Testing

@Suite struct InterpolationTests {
    static let environment = ["HOST": "10.0.0.1", "PORT": "4040", "EMPTY": "", "TOKEN": "0123456789abcdef-token"]

    @Test func variablesDefaultsAndEscapes() throws {
        let yaml = """
            server:
              listen: ${HOST}:${PORT}
              external_url: "https://${DOMAIN:-steady.example.com}/$$x"
            auth:
              tokens: [{ name: "${EMPTY:-fallback}", role: viewer, secret: "${TOKEN}" }]
            services:
              - name: api
                signals: { errors: 'http_requests_total{code=~"5..$"}' }
            """
        let loaded = try ConfigLoader(environment: Self.environment).parse(yaml: yaml, file: "steady.yml")
        let config = loaded.configuration
        #expect(config.server.listenHost == "10.0.0.1")
        #expect(config.server.listenPort == 4040)
        #expect(config.server.externalURL == "https://steady.example.com/$x")
        #expect(config.auth.tokens.first?.name == "fallback")
        #expect(config.auth.tokens.first?.secret == "0123456789abcdef-token")
        // A `$` not followed by `{` or `$` is kept.
        #expect(config.services.first?.signals.errors.description == #"http_requests_total{code=~"5..$"}"#)
    }

    @Test func keysAreNotInterpolated() {
        #expect(
            Fixture.diagnostics("${SECTION}: {}\n", environment: ["SECTION": "server"]) == [
                "steady.yml:1:1: error: top level: unknown key '${SECTION}'; expected one of server, storage, auth, logging, scrape, services, heartbeats, probes, watchdog, global, route, inhibit_rules, receivers, time_intervals, mute_time_intervals, templates"
            ])
    }

    @Test func interpolatedValuesAreValidated() {
        #expect(
            Fixture.diagnostics("scrape:\n  interval: ${INTERVAL}\n", environment: ["INTERVAL": "soon"]) == [
                #"steady.yml:2:13: error: scrape.interval: found "soon", expected a duration like 15s or 1m30s"#
            ])
    }

    @Test func failuresPointAtTheDollarSign() {
        let yaml = """
            server:
              listen: 127.0.0.1:${PORT}
              external_url: "http://${HOST}:${NOPE}/"
            logging:
              level: ${LEVEL
              format: ${BAD NAME}
            """
        #expect(
            Fixture.diagnostics(yaml, environment: ["HOST": "h"]) == [
                "steady.yml:2:21: error: server.listen: environment variable PORT is not set (write ${PORT:-default} to give a default)",
                "steady.yml:3:33: error: server.external_url: environment variable NOPE is not set (write ${NOPE:-default} to give a default)",
                "steady.yml:5:10: error: logging.level: unterminated ${ in value (write $$ for a literal dollar sign)",
                "steady.yml:6:11: error: logging.format: invalid environment variable name 'BAD NAME' in ${…}; expected letters, digits and _",
            ])
    }

    @Test func blockScalarsReportAtTheScalar() {
        let yaml = """
            services:
              - name: api
                description: |
                  Owned by ${TEAM}
            """
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:3:18: error: services[0].description: environment variable TEAM is not set (write ${TEAM:-default} to give a default)"
            ])
    }

    @Test func passthroughSectionsAreInterpolatedToo() {
        let yaml = "receivers:\n  - name: x\n    webhook_configs: [{ url: '${HOOK}' }]\n"
        #expect(
            Fixture.diagnostics(yaml) == [
                "steady.yml:3:31: error: receivers[0].webhook_configs[0].url: environment variable HOOK is not set (write ${HOOK:-default} to give a default)"
            ])
    }

    @Test func secretsAreNotEchoedInMessages() {
        let errors = Fixture.errors(
            "auth:\n  tokens: [{ name: a, role: viewer, secret: '${S}' }]\n", environment: ["S": "hunter2"])
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { !$0.contains("hunter2") })
    }
}
