public import SteadyModel

/// The alert state machine of one probe: outcomes in, alert actions out.
///
/// `ProbeFailed` fires after `failureThreshold` consecutive failed runs (starting at the first of them) and resolves
/// on the next success. For HTTPS probes with a `tlsExpiryWarning`, `TLSCertificateExpiring` fires once the server
/// certificate expires within the threshold (starting at `notAfter − threshold`) and resolves when a renewed
/// certificate is seen.
///
/// ```swift
/// var monitor = ProbeMonitor(spec: probe)
/// let actions = monitor.record(outcome, at: clock.now)   // [.fire(ProbeFailed)] on the third failure
/// ```
public struct ProbeMonitor: Sendable {
    /// What the caller must post to the alert pipeline.
    public enum Action: Sendable, Equatable {
        case fire(Alert)
        case resolve(Alert)

        public var alert: Alert {
            switch self {
            case .fire(let alert), .resolve(let alert): alert
            }
        }
    }

    public static let failedAlertName = "ProbeFailed"
    public static let certificateAlertName = "TLSCertificateExpiring"

    public let spec: ProbeSpec
    public private(set) var consecutiveFailures = 0
    public private(set) var lastOutcome: ProbeOutcome?
    public private(set) var lastRun: WallInstant?
    /// The latest certificate expiry seen (kept across runs that did not inspect it).
    public private(set) var certificateNotAfter: WallInstant?
    private var failingSince: WallInstant?
    private var failedAlert: Alert?
    private var certificateAlert: Alert?

    public init(spec: ProbeSpec) { self.spec = spec }

    /// Records a run that finished at `now`.
    public mutating func record(_ outcome: ProbeOutcome, at now: WallInstant) -> [Action] {
        lastOutcome = outcome
        lastRun = now
        var actions: [Action] = []
        if outcome.success {
            consecutiveFailures = 0
            failingSince = nil
            if var alert = failedAlert {
                alert.endsAt = now
                alert.updatedAt = now
                actions.append(.resolve(alert))
                failedAlert = nil
            }
        } else {
            consecutiveFailures += 1
            if failingSince == nil { failingSince = now }
            if consecutiveFailures >= max(1, spec.failureThreshold), failedAlert == nil, let failingSince {
                let alert = Alert(
                    labels: labels(Self.failedAlertName),
                    annotations: annotations(
                        summary: "Probe \(spec.name) is failing",
                        description:
                            "\(consecutiveFailures) consecutive runs of probe \(spec.name) against \(spec.target) "
                            + "failed; last error: \(outcome.error ?? "unknown")."),
                    startsAt: failingSince, endsAt: .distantFuture, updatedAt: now)
                failedAlert = alert
                actions.append(.fire(alert))
            }
        }
        if let notAfter = outcome.certificateNotAfter {
            certificateNotAfter = notAfter
            actions += evaluateCertificate(notAfter: notAfter, now: now)
        }
        return actions
    }

    /// The alerts currently firing.
    public var firingAlerts: [Alert] { [failedAlert, certificateAlert].compactMap { $0 } }

    private mutating func evaluateCertificate(notAfter: WallInstant, now: WallInstant) -> [Action] {
        guard case .http(let check) = spec.kind, let threshold = check.tlsExpiryWarning else { return [] }
        let warnFrom = notAfter.advanced(by: .zero - threshold)
        var actions: [Action] = []
        if var current = certificateAlert, now < warnFrom || current.startsAt != warnFrom {
            current.endsAt = now
            current.updatedAt = now
            actions.append(.resolve(current))
            certificateAlert = nil
        }
        if now >= warnFrom, certificateAlert == nil {
            let remaining = now.duration(to: notAfter)
            let days = Int((remaining.seconds / 86_400).rounded(.down))
            let summary =
                remaining <= .zero
                ? "TLS certificate of \(spec.target) expired at \(Timestamp.format(notAfter))"
                : "TLS certificate of \(spec.target) expires in \(days) days"
            let alert = Alert(
                labels: labels(Self.certificateAlertName),
                annotations: annotations(
                    summary: summary,
                    description:
                        "The certificate served at \(spec.target) is valid until \(Timestamp.format(notAfter)); "
                        + "probe \(spec.name) warns \(PrometheusDuration.format(threshold)) ahead."),
                startsAt: warnFrom, endsAt: .distantFuture, updatedAt: now)
            certificateAlert = alert
            actions.append(.fire(alert))
        }
        return actions
    }

    /// The status shown by the API.
    public var status: ProbeStatus {
        let kind: String
        switch spec.kind {
        case .http: kind = "http"
        case .tcp: kind = "tcp"
        }
        return ProbeStatus(
            name: spec.name, kind: kind, target: spec.target, service: spec.service, up: lastOutcome?.success,
            consecutiveFailures: consecutiveFailures, lastRun: lastRun,
            lastLatencySeconds: lastOutcome?.latency.seconds, lastStatusCode: lastOutcome?.statusCode,
            lastError: lastOutcome?.error, certificateNotAfter: certificateNotAfter)
    }

    private func labels(_ alertname: String) -> Labels {
        var pairs = spec.labels.pairs
        pairs.append(Label("alertname", alertname))
        pairs.append(Label("probe", spec.name))
        pairs.append(Label("instance", spec.target))
        if let service = spec.service { pairs.append(Label("service", service)) }
        return Labels(pairs)
    }

    private func annotations(summary: String, description: String) -> Labels {
        Labels([Label("summary", summary), Label("description", description)] + spec.annotations.pairs)
    }
}

extension WallInstant {
    /// The `endsAt` of a firing alert that only its source resolves.
    static let distantFuture = WallInstant(nanosecondsSinceEpoch: .max)
}
