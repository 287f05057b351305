import Benchmark
import SteadyExposition
import SteadyModel

/// Exposition parser throughput over a deterministic ~1 MB body shaped like a busy service's `/metrics`.
func parserBenchmarks() {
    let text = ParserBenchmarkBody.make(approximateBytes: 1 << 20)
    let bytes = Array(text.utf8)
    let openMetricsBytes = Array(ParserBenchmarkBody.openMetrics(from: text).utf8)
    let sampleCount = (try? ExpositionParser.parse(bytes, contentType: nil).samples.count) ?? 0
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5),
        maxIterations: 200
    )

    // A fresh parser per body: every name, value and label set is new to it.
    Benchmark("Exposition parse text 1 MB (fresh parser)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ExpositionParser.parse(bytes, contentType: nil))
        }
    }

    // One parser per target, as a scrape loop uses it: the previous scrape's series are cached.
    Benchmark("Exposition parse text 1 MB (reused parser)", configuration: configuration) { benchmark in
        var parser = ExpositionParser()
        blackHole(try parser.parse(bytes, contentType: nil))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try parser.parse(bytes, contentType: nil))
        }
    }

    Benchmark("Exposition parse OpenMetrics 1 MB (reused parser)", configuration: configuration) { benchmark in
        var parser = ExpositionParser()
        blackHole(try parser.parse(openMetricsBytes, contentType: "application/openmetrics-text"))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try parser.parse(openMetricsBytes, contentType: "application/openmetrics-text"))
        }
    }

    print(
        "Parser benchmark body: \(bytes.count) bytes, \(sampleCount) samples; OpenMetrics: \(openMetricsBytes.count) bytes"
    )
}

/// Builds the benchmark bodies. Deterministic: the same bytes on every run.
enum ParserBenchmarkBody {
    static let handlers = [
        "/api/v1/cart", "/api/v1/checkout", "/api/v1/orders/{id}", "/api/v1/payments", "/api/v1/users/{id}/profile",
        "/healthz",
    ]
    static let methods = ["GET", "POST"]
    static let codes = ["200", "404", "500"]
    static let buckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]
    static let quantiles = ["0.5", "0.9", "0.95", "0.99", "0.999"]

    /// Prometheus text format: counters, gauges, histograms and summaries with realistic labels, in rotation.
    static func make(approximateBytes: Int) -> String {
        var out = ""
        out.reserveCapacity(approximateBytes + 16_384)
        var family = 0
        while out.utf8.count < approximateBytes {
            let common = "instance=\"10.0.\(family % 7).\(family % 250):9100\",job=\"checkout\""
            switch family % 4 {
            case 0:
                let name = "checkout_subsystem_\(family)_requests_total"
                out += "# HELP \(name) Requests handled by subsystem \(family), by handler, method and code.\n"
                out += "# TYPE \(name) counter\n"
                var index = 0
                for handler in handlers {
                    for method in methods {
                        for code in codes {
                            out += "\(name){code=\"\(code)\",handler=\"\(handler)\",\(common),method=\"\(method)\"} "
                            out += "\(family * 7919 + index * 104_729)\n"
                            index += 1
                        }
                    }
                }
            case 1:
                let name = "checkout_pool_\(family)_connections"
                out += "# HELP \(name) Open connections per pool.\n# TYPE \(name) gauge\n"
                for pool in 0..<8 {
                    out += "\(name){\(common),pool=\"pool-\(pool)\",state=\"\(pool % 2 == 0 ? "idle" : "active")\"} "
                    out += "\(Double(family * 13 + pool) * 0.125)\n"
                }
            case 2:
                let name = "checkout_http_\(family)_request_duration_seconds"
                out += "# HELP \(name) Latency of HTTP requests.\n# TYPE \(name) histogram\n"
                for handler in handlers {
                    for method in methods {
                        let labels = "handler=\"\(handler)\",\(common),method=\"\(method)\""
                        var cumulative = 0
                        for (index, bucket) in buckets.enumerated() {
                            cumulative += (family + index * 37) % 101
                            out += "\(name)_bucket{\(labels),le=\"\(bucket)\"} \(cumulative)\n"
                        }
                        out += "\(name)_sum{\(labels)} \(Double(cumulative) * 0.0421)\n"
                        out += "\(name)_count{\(labels)} \(cumulative)\n"
                    }
                }
            default:
                let name = "checkout_queue_\(family)_wait_seconds"
                out += "# HELP \(name) Time spent waiting in a queue.\n# TYPE \(name) summary\n"
                for queue in ["payments", "emails", "webhooks"] {
                    let labels = "\(common),queue=\"\(queue)\""
                    for (index, quantile) in quantiles.enumerated() {
                        out +=
                            "\(name){\(labels),quantile=\"\(quantile)\"} \(Double(index + 1) * 0.0173 + Double(family) * 1e-4)\n"
                    }
                    out += "\(name)_sum{\(labels)} \(Double(family) * 12.5)\n\(name)_count{\(labels)} \(family * 3)\n"
                }
            }
            family += 1
        }
        return out
    }

    /// The same samples as OpenMetrics: counters are named without `_total` in metadata, and the body ends with EOF.
    static func openMetrics(from text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 64)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE "), line.contains("_requests_total ") {
                out += line.replacingOccurrences(of: "_requests_total ", with: "_requests ") + "\n"
            } else {
                out += line + "\n"
            }
        }
        return out + "# EOF\n"
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
