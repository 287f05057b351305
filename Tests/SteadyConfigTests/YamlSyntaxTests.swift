import SteadyConfig
import SteadyModel
import Testing

@Suite struct YamlSyntaxTests {
    @Test func scannerErrorsKeepTheirPosition() {
        #expect(
            Fixture.diagnostics("server:\n  listen: [127.0.0.1\nlogging: {}\n") == [
                "steady.yml:3:8: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 11)"
            ])
    }

    @Test func badIndentation() {
        #expect(
            Fixture.diagnostics("server:\n  listen: a\n external_url: b\n") == [
                "steady.yml:3:2: error: invalid YAML: did not find expected key (while parsing a block mapping at line 1, column 1)"
            ])
    }

    @Test func tabsAndControlCharacters() {
        #expect(
            Fixture.diagnostics("server:\n\tlisten: a\n") == [
                "steady.yml:2:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token at line 2, column 1)"
            ])
        #expect(
            Fixture.diagnostics("server: {}\nlogging: \u{1}\n") == [
                "steady.yml:2:10: error: invalid YAML: control characters are not allowed (#x1)"
            ])
    }

    @Test func undefinedAliasAndSeveralDocuments() {
        #expect(
            Fixture.diagnostics("server: *nowhere\n") == [
                "steady.yml:1:9: error: invalid YAML: found undefined alias"
            ])
        #expect(
            Fixture.diagnostics("server: {}\n---\nlogging: {}\n") == [
                "steady.yml:2:1: error: invalid YAML: expected a single document in the stream, but found another document"
            ])
    }

    @Test func tooDeepNestingIsAnErrorNotACrash() {
        let deep = "route: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let errors = Fixture.errors(deep)
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix("error: invalid YAML: nesting is too deep (more than 1000 levels)") == true)
    }
}
