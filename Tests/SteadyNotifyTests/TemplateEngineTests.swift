import SteadyModel
import Testing

@testable import SteadyNotify

@Suite("Template engine")
struct TemplateEngineTests {
    let data = TemplateData(Fixtures.notification())
    let templates = TemplateSet.defaults

    func render(_ text: String, html: Bool = false) throws -> String {
        try templates.render(text, data: data, html: html)
    }

    @Test("default subject matches Alertmanager's __subject")
    func subject() throws {
        #expect(try render(#"{{ template "__subject" . }}"#) == "[FIRING:1] HighLatency (checkout)")
        let resolvedOnly = TemplateData(Fixtures.notification(alerts: [Fixtures.resolved]))
        #expect(
            try templates.render(#"{{ template "slack.default.title" . }}"#, data: resolvedOnly)
                == "[RESOLVED] HighLatency (b:8080 checkout)")
        // No common label beyond the group labels: Alertmanager leaves a trailing space.
        let grouped = TemplateData(
            Fixtures.notification(
                alerts: [Fixtures.firing],
                groupLabels: Labels([
                    "alertname": "HighLatency", "instance": "a:8080",
                    "service": "checkout",
                ])))
        #expect(
            try templates.render(#"{{ template "__subject" . }}"#, data: grouped)
                == "[FIRING:1] HighLatency a:8080 checkout ")
    }

    @Test("fields, map keys, missing keys and methods")
    func fields() throws {
        #expect(
            try render("{{ .Status }} {{ .Receiver }} {{ .ExternalURL }}") == #"firing team-x\.ops http://steady:9093"#)
        #expect(try render("{{ .CommonLabels.alertname }}/{{ .CommonLabels.nope }}/") == "HighLatency//")
        #expect(try render("{{ .CommonLabels.Names }}") == "[alertname service]")
        #expect(try render("{{ .CommonLabels.SortedPairs.Values | join \",\" }}") == "HighLatency,checkout")
        #expect(try render("{{ (index .Alerts 0).Labels.instance }}") == "a:8080")
        #expect(try render("{{ (index .Alerts 1).EndsAt }}") == "2023-11-14 22:15:00.5 +0000 UTC")
        #expect(try render("{{ (index .Alerts 0).EndsAt }}") == "0001-01-01 00:00:00 +0000 UTC")
        #expect(
            try render(#"{{ (index .Alerts 0).StartsAt.Format "2006-01-02T15:04:05.000Z07:00" }}"#)
                == "2023-11-14T22:13:20.123Z")
        #expect(try render("{{ .GroupLabels }}") == "map[alertname:HighLatency]")
        #expect(try render("{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values }}{{ end }}") == "[checkout]")
    }

    @Test("range, if/else if/else, with, variables, break and continue")
    func control() throws {
        #expect(try render("{{ range .Alerts }}{{ .Status }};{{ end }}") == "firing;resolved;")
        #expect(
            try render("{{ range $i, $a := .Alerts }}{{ $i }}={{ $a.Labels.instance }} {{ end }}")
                == "0=a:8080 1=b:8080 ")
        #expect(
            try render("{{ range $k, $v := .CommonLabels }}{{ $k }}:{{ $v }},{{ end }}")
                == "alertname:HighLatency,service:checkout,")
        #expect(
            try render(
                "{{ range .Alerts.Firing }}F{{ else }}none{{ end }}|{{ range .Alerts.Resolved.Firing }}x{{ else }}none{{ end }}"
            ) == "F|none")
        #expect(
            try render(#"{{ if eq .Status "resolved" }}R{{ else if eq .Status "firing" }}F{{ else }}?{{ end }}"#) == "F"
        )
        #expect(try render("{{ with .CommonLabels.nope }}x{{ else }}empty{{ end }}") == "empty")
        #expect(try render(#"{{ $s := .Status }}{{ $s = "changed" }}{{ $s }} {{ $.Status }}"#) == "changed firing")
        #expect(
            try render("{{ range .Alerts }}{{ if eq .Status \"resolved\" }}{{ break }}{{ end }}{{ .Status }}{{ end }}")
                == "firing")
        #expect(
            try render("{{ range .Alerts }}{{ if eq .Status \"firing\" }}{{ continue }}{{ end }}{{ .Status }}{{ end }}")
                == "resolved")
        #expect(try render("{{ range .Alerts }}{{ $.Status }}{{ end }}") == "firingfiring")
    }

    @Test("functions Alertmanager users call")
    func functions() throws {
        #expect(
            try render("{{ .Status | toUpper }} {{ \"ABC\" | toLower }} {{ title \"hello wide-world\" }}")
                == "FIRING abc Hello Wide-World")
        #expect(try render("{{ len .Alerts }} {{ .Alerts.Firing | len }} {{ len \"héllo\" }}") == "2 1 6")
        #expect(try render(#"{{ reReplaceAll "(\\w+):(\\d+)" "${1} port $2" "a:8080" }}"#) == "a port 8080")
        #expect(try render(#"{{ if match "^High" .CommonLabels.alertname }}yes{{ end }}"#) == "yes")
        #expect(try render(#"{{ stringSlice "a" "b" | join "+" }}"#) == "a+b")
        #expect(
            try render(#"{{ printf "%s has %d alerts (%q)" .Status (len .Alerts) "x" }}"#)
                == #"firing has 2 alerts ("x")"#)
        #expect(
            try render(#"{{ and 1 0 }} {{ or 0 "" "z" }} {{ not true }} {{ gt 3 2 }} {{ le 2 2 }} {{ ne "a" "b" }}"#)
                == "0 z false true true true")
        #expect(try render(#"{{ eq .Status "x" "firing" }}"#) == "true")
        #expect(
            try render(#"{{ "a b&c" | urlquery }} {{ html "<b>" }} {{ trimSpace "  x  " }}"#) == "a+b%26c &lt;b&gt; x")
    }

    @Test("trim markers, comments, raw strings, define and block")
    func syntax() throws {
        #expect(try render("a  {{- \"b\" -}}  \n c") == "abc")
        #expect(try render("x{{/* a comment */}}y{{- /* trimmed */ -}} z") == "xyz")
        #expect(try render("{{ `raw \\n` }}") == "raw \\n")
        #expect(
            try render(#"{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .Status }}{{ template "t" "x" }}"#)
                == "[firing][x]")
        #expect(try render(#"{{ block "b" .Status }}<{{ . }}>{{ end }}"#) == "<firing>")
        var custom = templates
        try custom.add(#"{{ define "__subject" }}custom {{ .Status }}{{ end }}"#, name: "user.tmpl")
        #expect(try custom.render(#"{{ template "slack.default.title" . }}"#, data: data) == "custom firing")
        #expect(try render("no actions at all") == "no actions at all")
    }

    @Test("HTML bodies escape values unless safeHtml")
    func html() throws {
        #expect(
            try render("<p>{{ (index .Alerts 0).Annotations.summary }}</p>", html: true)
                == "<p>p99 &gt; 1s &amp; rising &lt;fast&gt;</p>")
        #expect(try render(#"{{ "<b>bold</b>" | safeHtml }}"#, html: true) == "<b>bold</b>")
        #expect(try render("{{ (index .Alerts 0).Annotations.summary }}") == "p99 > 1s & rising <fast>")
    }

    @Test(
        "parse errors name the position and what is wrong",
        arguments: [
            ("{{ .Status", "1:1: unclosed action"),
            ("ok\n  {{ nope .Status }}", "2:6: function \"nope\" not defined"),
            ("{{ if .Status }}x", "1:4: unexpected EOF: {{if}} without {{end}}"),
            ("{{ end }}", "1:1: unexpected {{end}}"),
            ("{{ \"abc }}", "1:4: unterminated quoted string"),
            ("{{ ( .Status }}", "1:4: unclosed left paren"),
            ("{{ break }}", "1:1: {{break}} outside {{range}}"),
            ("{{ .Status | }}", "1:14: missing value for command"),
        ])
    func parseErrors(source: String, expected: String) {
        #expect {
            try TemplateSet.validate(source)
        } throws: { error in
            "\(error)" == "template: inline:\(expected)"
        }
    }

    @Test("execution errors")
    func executionErrors() {
        #expect(throws: TemplateError.self) { try render("{{ .Nope }}") }
        #expect(throws: TemplateError.self) { try render(#"{{ template "missing" . }}"#) }
        #expect(throws: TemplateError.self) { try render("{{ index .Alerts 5 }}") }
        #expect(throws: TemplateError.self) { try render(#"{{ lt .Status 3 }}"#) }
        #expect(throws: TemplateError.self) {
            try render(#"{{ define "loop" }}{{ template "loop" . }}{{ end }}{{ template "loop" . }}"#)
        }
        #expect(throws: TemplateError.self) { try render(#"{{ .Status "arg" }}"#) }
    }

    @Test("random inputs never crash the parser or the executor")
    func fuzz() {
        let pieces = [
            "{{", "}}", "{{-", "-}}", " ", ".", ".Status", ".Alerts", "range", "if", "else", "end", "with", "define",
            "template", "block", "\"x\"", "`r`", "(", ")", "|", "$", "$x", ":=", "=", ",", "len", "toUpper", "join",
            "eq", "index", "0", "-1", "1.5", "\n", "/*", "*/", "\\", "\"", "é", "break", "continue", "nil", "true",
            ".CommonLabels.Remove", ".GroupLabels.Names", "printf", "%", "'", "1e19", "-1e300", "9223372036854775807",
            "18446744073709551616", "0x7fffffffffffffff", "1e-320", "\"%9999999999d\"", "\"%.99999999999f\"",
            "\"%1000001s\"", "\"%-0999999999x\"", "title", ".SortedPairs", "else if",
        ]
        var random = SplitMix64(seed: 7)
        var parsed = 0
        for round in 0..<3000 {
            let count = Int.random(in: 1...14, using: &random)
            var source = ""
            for _ in 0..<count { source += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            do {
                _ = try templates.render(source, data: data)
                parsed += 1
            } catch {
                #expect(!error.message.isEmpty)
            }
            // Arbitrary bytes as well.
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            _ = try? templates.render("{{" + String(decoding: bytes, as: UTF8.self) + "}}", data: data)
            // Large numbers and printf widths/precisions in well-formed actions.
            guard round % 10 == 0 else { continue }
            let numbers = ["1e19", "-1e19", "1e308", "9.3e18", "1e-320", "9223372036854775807", "-9223372036854775808"]
            let number = numbers[Int.random(in: 0..<numbers.count, using: &random)]
            let width = [0, 7, 999_999, 1_000_001, 99_999_999_999][Int.random(in: 0..<5, using: &random)]
            let verb = ["d", "f", "s", "v", "x", "q"][Int.random(in: 0..<6, using: &random)]
            let output = try? templates.render(
                "{{ \(number) }} {{ printf \"%\(width == 0 ? "" : String(width)).\(width)\(verb)\" \(number) }}",
                data: data)
            #expect((output?.utf8.count ?? 0) <= 2_000_100)
        }
        #expect(parsed > 0)
    }
}
