import SteadyExposition
import SteadyModel
import Testing

@Suite("Fixtures")
struct FixtureTests {
    @Test func nodeExporterBody() throws {
        let bytes = try fixture("node_exporter.prom")
        let body = try ExpositionParser.parse(bytes, contentType: "text/plain; version=0.0.4; charset=utf-8")
        #expect(body.samples.count == sampleLineCount(bytes))
        #expect(try body.value("go_gc_duration_seconds", ["quantile": "0.25"]) == 3.9214e-05)
        #expect(try body.value("go_gc_duration_seconds_count") == 1893)
        #expect(try body.value("node_cpu_seconds_total", ["cpu": "1", "mode": "user"]) == 22884.4)
        #expect(try body.value("node_boot_time_seconds") == 1_700_489_611)
        #expect(
            try body.value(
                "node_filesystem_avail_bytes", ["device": "/dev/nvme0n1p2", "fstype": "ext4", "mountpoint": "/"])
                == 184_713_605_120)
        let uname = try #require(body.samples.first { $0.name == "node_uname_info" })
        #expect(uname.labels["version"] == "#14~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov 20 18:15:30 UTC 2")
        #expect(uname.labels.map(\.name) == ["domainname", "machine", "nodename", "release", "sysname", "version"])
        #expect(
            body.metadata["go_gc_duration_seconds"]
                == MetricMetadata(type: .summary, help: "A summary of the pause duration of garbage collection cycles.")
        )
        #expect(body.metadata["node_cpu_seconds_total"]?.type == .counter)
        let typeLines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        #expect(body.metadata.count == typeLines.count)
        #expect(body.samples.allSatisfy { $0.timestampMilliseconds == nil })
    }

    @Test func goClientHistogram() throws {
        let bytes = try fixture("go_client.prom")
        let body = try ExpositionParser.parse(bytes, contentType: nil)
        #expect(body.samples.count == sampleLineCount(bytes))
        let buckets = body.samples.filter { $0.name == "http_request_duration_seconds_bucket" }
        #expect(buckets.count == 12)
        #expect(
            buckets.map { $0.labels["le"] } == [
                "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf",
            ])
        #expect(buckets.allSatisfy { $0.labels["handler"] == "/api/cart" && $0.labels["method"] == "GET" })
        #expect(buckets.map(\.value) == [1021, 1533, 2011, 2130, 2154, 2160, 2161, 2161, 2161, 2161, 2161, 2161])
        #expect(
            try body.value("http_request_duration_seconds_sum", ["handler": "/api/cart", "method": "GET"]) == 17.338912)
        #expect(body.metadata["http_request_duration_seconds"]?.type == .histogram)
        #expect(try body.value("process_max_fds") == 1_048_576)
        #expect(try body.value("go_info", ["version": "go1.22.3"]) == 1)
    }

    @Test func pythonClientOpenMetrics() throws {
        let bytes = try fixture("python_client.om.txt")
        let body = try ExpositionParser.parse(
            bytes, contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(body.samples.count == sampleLineCount(bytes))
        #expect(try body.value("orders_total", ["region": "eu-west"]) == 1027)
        #expect(try body.value("orders_created", ["region": "us-east"]) == 1_700_489_611.7)
        #expect(body.metadata["orders"] == MetricMetadata(type: .counter, help: "Orders placed."))
        #expect(body.metadata["process_virtual_memory_bytes"]?.unit == "bytes")
        #expect(body.metadata["app_build"]?.type == .info)
        #expect(try body.value("app_build_info", ["branch": "main", "revision": "3f2a9c1", "version": "1.4.2"]) == 1)
        // The exemplar is validated and dropped; it does not leak into the sample.
        let bucket = try #require(body.samples("request_latency_seconds_bucket", ["le": "0.5", "route": "/pay"]).first)
        #expect(bucket.value == 19)
        #expect(bucket.timestampMilliseconds == nil)
        #expect(
            body.metadata["request_latency_seconds"]
                == MetricMetadata(type: .histogram, help: "Request latency.", unit: "seconds"))
        #expect(body.metadata["payment_backlog"]?.type == .gaugehistogram)
        #expect(try body.value("payment_backlog_gsum") == 7.25)
        #expect(body.metadata["feature_flags"]?.type == .stateset)
        #expect(try body.value("feature_flags", ["feature_flags": "dark_mode"]) == 1)
        #expect(body.metadata["queue_wait_seconds"]?.type == .summary)
        #expect(body.metadata["legacy_thing"] == MetricMetadata(type: .unknown))
        let legacy = try #require(body.samples("legacy_thing").first)
        #expect(legacy.timestampMilliseconds == 1_700_489_700_500)
        #expect(legacy.value == 42)
    }

    @Test func histogramAndSummaryInTextFormat() throws {
        let body = try ExpositionParser.parse(try fixture("histogram_summary.prom"), contentType: nil)
        #expect(body.samples.count == 15)
        #expect(try body.value("rpc_duration_seconds_bucket", ["service": "cart", "le": "+Inf"]) == 144_320)
        #expect(try body.value("rpc_duration_seconds_count", ["service": "cart"]) == 144_320)
        #expect(try body.value("db_query_latency_microseconds", ["quantile": "0.99"]) == 76656)
        #expect(try body.value("db_query_latency_microseconds_sum") == 17_560_473)
        #expect(body.metadata["rpc_duration_seconds"] == MetricMetadata(type: .histogram, help: "RPC latency."))
        #expect(body.metadata["db_query_latency_microseconds"]?.type == .summary)
    }

    @Test func histogramAndSummaryInOpenMetrics() throws {
        let body = try ExpositionParser.parse(
            try fixture("histogram_summary.om.txt"), contentType: "application/openmetrics-text")
        #expect(body.samples.count == 11)
        #expect(
            body.metadata["rpc_duration_seconds"]
                == MetricMetadata(
                    type: .histogram, help: "RPC latency with \"quotes\" and a \\ backslash.", unit: "seconds"))
        #expect(try body.value("rpc_duration_seconds_bucket", ["service": "cart", "le": "1.0"]) == 133_988)
        #expect(try body.value("rpc_duration_seconds_created", ["service": "cart"]) == 1_520_430_000.123)
        let quantile = try #require(body.samples("db_query_latency_seconds", ["quantile": "0.99"]).first)
        #expect(quantile.value == 0.076656)
        #expect(quantile.timestampMilliseconds == 1_520_879_607_789)
        #expect(
            body.samples.filter { $0.name.hasPrefix("db_query") }.allSatisfy {
                $0.timestampMilliseconds == 1_520_879_607_789
            })
    }

    @Test func edgeCasesInTextFormat() throws {
        let bytes = try fixture("edge_cases.prom")
        let body = try ExpositionParser.parse(bytes, contentType: "text/plain")
        #expect(body.samples.count == sampleLineCount(bytes))
        let escaped = try #require(body.samples.first { $0.name == "escaped_help" })
        #expect(escaped.labels["path"] == #"C:\DIR\FILE.TXT"#)
        #expect(escaped.labels["error"] == "Cannot find file:\n\"FILE.TXT\"")
        #expect(escaped.labels["raw"] == #"tab\tkept"#)
        #expect(escaped.value == 1_458_255_915)
        #expect(
            body.metadata["escaped_help"]
                == MetricMetadata(
                    type: .gauge, help: "Help with a backslash \\ a newline \n and an unknown escape \\t kept."))
        let indented = try #require(body.samples("indented_metric", ["a": "1", "b": "2"]).first)
        #expect(indented.value == 12.47)
        #expect(indented.timestampMilliseconds == 1_395_066_363_000)
        #expect(try body.value("braces_then_value", ["a": "x"]) == 3)
        #expect(try body.value("empty_braces") == 4)
        #expect(try body.value("empty_value_dropped", ["b": "y"]) == 5)
        #expect(try body.value("nan_value").isNaN)
        #expect(try body.value("nan_lower").isNaN)
        #expect(try body.value("pos_inf") == .infinity)
        #expect(try body.value("neg_inf") == -.infinity)
        #expect(try body.value("inf_word") == .infinity)
        let weird = try #require(body.samples("negative_timestamp", ["problem": "division by zero"]).first)
        #expect(weird.value == .infinity)
        #expect(weird.timestampMilliseconds == -3_982_045)
        #expect(try body.value("leading_zeros") == 42)
        #expect(try body.value("dot_only_fraction") == 0.5)
        #expect(try body.value("exp_upper") == 1000)
        #expect(try body.value("tiny") == 4.9e-324)
        #expect(try body.value("unicode_value", ["name": "Grüße 世界 🚀"]) == 1)
        let unsorted = try #require(body.samples.first { $0.name == "unsorted" })
        #expect(unsorted.labels.map(\.name) == ["a", "m", "z"])
        #expect(try body.value("colon:metric:name") == 7)
        let tabbed = try #require(body.samples("tab_separated").first)
        #expect(tabbed.timestampMilliseconds == 1000)
        #expect(try body.value("last_line_without_newline") == 9)
        #expect(body.metadata.count == 1)
    }
}
