import ArgumentParser
import Foundation

/// `steady init`: writes a commented starter configuration.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter steady.yml (refuses to overwrite)."
    )

    @Argument(help: "Where to write it.")
    var path: String = "steady.yml"

    func run() async throws {
        if FileManager.default.fileExists(atPath: path) {
            Output.error("\(path) already exists; not overwriting")
            throw ExitCode(1)
        }
        try StarterConfig.text.write(toFile: path, atomically: true, encoding: .utf8)
        print(
            "Wrote \(path). Next: export STEADY_ADMIN_TOKEN=$(openssl rand -hex 24); steady check \(path); steady serve -c \(path)"
        )
    }
}

enum StarterConfig {
    static let text = """
        # Steady configuration — reference: docs/configuration.md
        server:
          listen: 127.0.0.1:4040
        storage:
          sqlite:
            path: ./steady-data/steady.db
          retention: 30d
        auth:
          anonymous_read: false
          tokens:
            - name: admin
              role: admin
              secret: ${STEADY_ADMIN_TOKEN}
        scrape:
          interval: 15s
          timeout: 10s
        services:
          - name: api
            description: My API
            scrape:
              targets: ["127.0.0.1:8080"]
            slos:
              - name: availability
                objective: 99.9
                period: 30d
                sli:
                  ratio:
                    errors: 'http_requests_total{job="api",code=~"5.."}'
                    total: 'http_requests_total{job="api"}'

        """
}
