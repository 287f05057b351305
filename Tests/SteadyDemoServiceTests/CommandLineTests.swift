import Logging
import SteadyDemoService
import Testing

@Suite("steady-demo-service command line")
struct CommandLineTests {
    @Test("Defaults")
    func defaults() throws {
        let options = try DemoServiceCommandLine.parse([])
        #expect(options.configuration.host == "127.0.0.1")
        #expect(options.configuration.port == 8081)
        #expect(options.configuration.adminToken == nil)
        #expect(options.logLevel == .info)
        #expect(!options.showHelp)
    }

    @Test("Options in both spellings")
    func options() throws {
        let options = try DemoServiceCommandLine.parse(
            [
                "--host", "0.0.0.0", "--port=0", "--admin-token", "X", "--seed", "7", "--capacity=10", "--log-level",
                "debug",
            ]
        )
        #expect(options.configuration.host == "0.0.0.0")
        #expect(options.configuration.port == 0)
        #expect(options.configuration.adminToken == "X")
        #expect(options.configuration.seed == 7)
        #expect(options.configuration.capacity == 10)
        #expect(options.logLevel == .debug)
    }

    @Test("The admin token falls back to STEADY_DEMO_ADMIN_TOKEN; the flag wins")
    func tokenFromEnvironment() throws {
        let environment = ["STEADY_DEMO_ADMIN_TOKEN": "from-env", "LOG_LEVEL": "warning"]
        let fromEnvironment = try DemoServiceCommandLine.parse([], environment: environment)
        #expect(fromEnvironment.configuration.adminToken == "from-env")
        #expect(fromEnvironment.logLevel == .warning)
        let fromFlag = try DemoServiceCommandLine.parse(["--admin-token", "flag"], environment: environment)
        #expect(fromFlag.configuration.adminToken == "flag")
    }

    @Test("Overload-experiment options select the protection arm, limit, timeout, CPU work and latency")
    func protectionOptions() throws {
        let options = try DemoServiceCommandLine.parse(
            [
                "--protection", "codel", "--limit=12", "--request-timeout-ms", "250", "--work-us", "800",
                "--latency-ms",
                "0", "--queue-target-ms", "20",
            ]
        )
        #expect(options.configuration.protection == .codel)
        #expect(options.configuration.concurrencyLimit == 12)
        #expect(options.configuration.requestTimeout == .milliseconds(250))
        #expect(options.configuration.simulatedWork == .microseconds(800))
        #expect(options.configuration.simulatedLatencyMs == 0...0)
        #expect(options.configuration.queueTarget == .milliseconds(20))
        let defaults = try DemoServiceCommandLine.parse([])
        #expect(defaults.configuration.protection == .adaptiveCriticality)
        #expect(defaults.configuration.requestTimeout == .seconds(10))
        let noTimeout = try DemoServiceCommandLine.parse(["--request-timeout-ms=0", "--latency-ms", "2-5"])
        #expect(noTimeout.configuration.requestTimeout == nil)
        #expect(noTimeout.configuration.simulatedLatencyMs == 2...5)
        let fromEnvironment = try DemoServiceCommandLine.parse([], environment: ["STEADY_DEMO_PROTECTION": "none"])
        #expect(fromEnvironment.configuration.protection == DemoProtection.none)
        for arm in DemoProtection.allCases {
            #expect(try DemoServiceCommandLine.parse(["--protection", arm.rawValue]).configuration.protection == arm)
        }
    }

    @Test("--help")
    func help() throws {
        #expect(try DemoServiceCommandLine.parse(["-h"]).showHelp)
        #expect(DemoServiceCommandLine.usage.contains("--admin-token"))
    }

    @Test(
        "Mistakes are reported",
        arguments: [
            (["--port"], "missing value for '--port'"),
            (["--port", "70000"], "invalid value '70000' for '--port'"),
            (["--port", "http"], "invalid value 'http' for '--port'"),
            (["--log-level", "loud"], "invalid value 'loud' for '--log-level'"),
            (["--bogus"], "unknown option '--bogus'"),
            (["--protection", "maybe"], "invalid value 'maybe' for '--protection'"),
            (["--limit", "0"], "invalid value '0' for '--limit'"),
            (["--latency-ms", "9-3"], "invalid value '9-3' for '--latency-ms'"),
            (["serve"], "unknown option 'serve'"),
        ]
    )
    func mistakes(arguments: [String], message: String) {
        let error = #expect(throws: DemoServiceCommandLineError.self) {
            try DemoServiceCommandLine.parse(arguments)
        }
        #expect(error?.description == message)
    }
}
