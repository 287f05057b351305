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
