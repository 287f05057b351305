import Foundation
import SteadyAlerting
import SteadyConfig
import SteadyModel
import Testing

@Suite("Routing tree")
struct RouteTreeTests {
    static let config = """
        route:
          receiver: default
          group_by: [alertname]
          group_wait: 10s
          routes:
            - matchers: ['service="checkout"', 'severity=~"critical|page"']
              receiver: checkout-pager
              continue: true
              group_by: ['...']
            - matchers: ['{team="db", env!="dev"}']
              receiver: db
              repeat_interval: 1h
              routes:
                - match_re: { severity: "warn.*" }
                  receiver: db-tickets
                - matchers: [severity=info]
                  receiver: db-info
                  continue: true
                - matchers: ['instance!~"db-[0-9]+"']
                  receiver: db-odd
            - match: { service: checkout }
              receiver: checkout
            - matchers: ['service=~"pay.*"', 'region!="eu"']
              receiver: payments
              continue: true
            - matchers: ['service=~"pay.*"']
              receiver: payments-all
        receivers:
          - name: default
          - name: checkout-pager
          - name: db
          - name: db-tickets
          - name: db-info
          - name: db-odd
          - name: checkout
          - name: payments
          - name: payments-all
        """

    func tree() throws -> RouteTree {
        RouteTree(root: try AlertRouteParser.parseAlertmanagerConfig(yaml: Self.config, file: "am.yml"))
    }

    @Test("inheritance: receiver, grouping and timings flow down; group_by ... groups by all labels")
    func inheritance() throws {
        let tree = try tree()
        #expect(tree.root.groupWait == .seconds(10))
        #expect(tree.root.groupInterval == .seconds(300))
        let pager = tree.root.children[0]
        #expect(pager.groupByAll)
        #expect(pager.groupWait == .seconds(10))
        let db = tree.root.children[1]
        #expect(db.groupBy == ["alertname"])
        #expect(db.children[0].repeatInterval == .seconds(3600))
        #expect(db.children[0].path == [1, 0])
    }

    @Test("continue, first match and fallback to the parent")
    func matching() throws {
        let tree = try tree()
        func receivers(_ labels: [String: String]) -> [String] { tree.match(Labels(labels)).map(\.receiver) }
        #expect(receivers(["service": "checkout", "severity": "page"]) == ["checkout-pager", "checkout"])
        #expect(receivers(["service": "checkout"]) == ["checkout"])
        #expect(receivers(["team": "db", "severity": "warning", "instance": "db-1"]) == ["db-tickets"])
        #expect(receivers(["team": "db", "severity": "info", "instance": "db-1"]) == ["db-info"])
        #expect(receivers(["team": "db", "severity": "info", "instance": "x"]) == ["db-info", "db-odd"])
        #expect(receivers(["team": "db", "env": "dev"]) == ["default"])
        #expect(receivers(["team": "db", "instance": "db-7"]) == ["db"])
        #expect(receivers(["service": "payments", "region": "us"]) == ["payments", "payments-all"])
        #expect(receivers([:]) == ["default"])
    }

    @Test("matcher syntax errors name the problem")
    func matcherErrors() {
        #expect(throws: (any Error).self) { try AlertMatcherParser.parse(#"foo="bar"#) }
        #expect(throws: (any Error).self) { try AlertMatcherParser.parse("foo") }
        #expect(throws: (any Error).self) { try AlertMatcherParser.parse(#"foo=~"("#) }
        #expect(throws: (any Error).self) { try AlertMatcherParser.parse(#"{a="b""#) }
        #expect((try? AlertMatcherParser.parse(#"{a="b", c=~"d|e", f!=g}"#))?.count == 3)
        #expect(
            (try? AlertMatcherParser.parse(#"a="with \"quotes\", and commas""#))?.first?.value
                == #"with "quotes", and commas"#)
    }

    @Test("Steady routes like amtool config routes test (Alertmanager 0.25) on random label sets")
    func differentialAgainstAmtool() throws {
        guard
            let amtool = ["/usr/bin/amtool", "/usr/local/bin/amtool"].first(where: FileManager.default.isExecutableFile)
        else {
            Issue.record("amtool is not installed; run scripts/install-test-deps.sh (CI does)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("amtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("am.yml")
        try Self.config.write(to: file, atomically: true, encoding: .utf8)
        let tree = try tree()
        var random = SplitMix64(seed: 25)
        let values: [String: [String]] = [
            "service": ["checkout", "payments", "pay-eu", "search"],
            "severity": ["page", "critical", "warning", "info"],
            "team": ["db", "web"], "env": ["dev", "prod"], "instance": ["db-1", "db-22", "web-1"],
            "region": ["eu", "us"],
        ]
        for _ in 0..<40 {
            var labels: [String: String] = [:]
            for (name, options) in values where Bool.random(using: &random) {
                labels[name] = options.randomElement(using: &random)
            }
            let arguments = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: amtool)
            process.arguments = ["config", "routes", "test", "--config.file=\(file.path)"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = Pipe()
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let expected = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let got = tree.match(Labels(labels)).map(\.receiver).joined(separator: ",")
            #expect(got == expected, "labels \(arguments)")
        }
    }
}
