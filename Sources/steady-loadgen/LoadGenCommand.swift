import ArgumentParser
import NIOCore
import NIOPosix

/// `steady-loadgen`: an open-loop HTTP/1.1 load generator for loopback benchmarks (`scripts/bench/overload`).
///
/// ```
/// steady-loadgen http://127.0.0.1:8081/api/products --rate 2000 --duration 8 --deadline-ms 500 \
///     --mix CRITICAL=0.5,SHEDDABLE=0.5 --format csv --tag arm=adaptive --tag multiplier=2
/// ```
@main
struct LoadGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steady-loadgen",
        abstract: "Open-loop HTTP/1.1 load generator (loopback targets only).",
        discussion: """
            Requests go out on a fixed schedule whatever the responses, each on its own connection (opened on \
            demand up to --max-connections) with a client deadline. Per criticality class it reports goodput \
            (2xx within the deadline), p50/p99 latency of those, rejects (503), timeouts and errors.
            """
    )

    @Argument(help: "Target URL: http://127.0.0.1:PORT/PATH (loopback only).")
    var url: String

    @Option(help: "Requests per second (open loop).")
    var rate: Double = 100

    @Option(help: "Closed loop with this many concurrent requests instead of --rate (measures capacity).")
    var closedLoop: Int?

    @Option(help: "Measured seconds of sending (at most 300).")
    var duration: Double = 5

    @Option(help: "Seconds of sending before the measured window.")
    var warmup: Double = 1

    @Option(help: "Client deadline per request, in milliseconds.")
    var deadlineMs: Int = 500

    @Option(help: "Criticality mix, NAME=WEIGHT,… (x-criticality values; 'none' sends no header).")
    var mix: String = "none=1"

    @Option(help: "Most concurrent connections.")
    var maxConnections: Int = 8192

    @Option(help: "Retries of 5xx answers per request (immediate, within the deadline).")
    var retries: Int = 0

    @Option(help: "Retry budget token ratio, 0…1 (gRPC style: 10 tokens, retries while more than 5 remain).")
    var retryBudget: Double?

    @Flag(help: "Do not send x-request-timeout with the time left.")
    var noDeadlineHeader = false

    @Option(help: "csv or json.")
    var format: String = "csv"

    @Flag(help: "Print the CSV header line first.")
    var header = false

    @Option(help: "KEY=VALUE added as leading columns (repeatable).")
    var tag: [String] = []

    mutating func validate() throws {
        guard rate.isFinite, rate > 0, rate <= 200_000 else { throw ValidationError("--rate must be in (0, 200000]") }
        guard duration > 0, duration <= 300, warmup >= 0, warmup <= 60 else {
            throw ValidationError("--duration must be in (0, 300] and --warmup in [0, 60]")
        }
        guard deadlineMs > 0, deadlineMs <= 60_000 else { throw ValidationError("--deadline-ms must be in 1…60000") }
        guard (1...60_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1…60000") }
        guard (0...10).contains(retries) else { throw ValidationError("--retries must be 0…10") }
        if let retryBudget, !(retryBudget.isFinite && (0...1).contains(retryBudget)) {
            throw ValidationError("--retry-budget must be a number in 0…1, got \(retryBudget)")
        }
        if let closedLoop, !(1...10_000).contains(closedLoop) { throw ValidationError("--closed-loop must be 1…10000") }
        guard format == "csv" || format == "json" else { throw ValidationError("--format must be csv or json") }
        for item in tag where item.split(separator: "=", maxSplits: 1).count != 2 {
            throw ValidationError("--tag must be KEY=VALUE, got '\(item)'")
        }
        do {
            _ = try LoadTarget(url: url)
            _ = try RequestClass.parseMix(mix)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let settings = LoadSettings(
            target: try LoadTarget(url: url),
            rate: rate,
            closedLoop: closedLoop,
            duration: .nanoseconds(Int64(duration * 1e9)),
            warmup: .nanoseconds(Int64(warmup * 1e9)),
            deadline: .milliseconds(Int64(deadlineMs)),
            classes: try RequestClass.parseMix(mix),
            maxConnections: maxConnections,
            retries: retries,
            retryBudgetRatio: retryBudget,
            sendsDeadlineHeader: !noDeadlineHeader
        )
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let engine = LoadEngine(loop: group.next(), settings: settings)
        let stats = try await engine.run().get()
        try await group.shutdownGracefully()
        let tags = tag.map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }
        let report = LoadReport(settings: settings, stats: stats, tags: tags)
        print(format == "json" ? report.json() : report.csv(header: header), terminator: "")
    }
}
