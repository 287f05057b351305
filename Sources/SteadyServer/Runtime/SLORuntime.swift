import Logging
import SteadyModel
import SteadySLO

/// The live SLO engine of a server: loads SLI history from storage, takes new buckets, evaluates, announces alert
/// transitions in the event log, and answers the API. An actor: its state is long-lived and touched from the
/// scrape path, the periodic tick and API requests.
actor SLORuntime {
    private var engine: SLOEngine
    private var loaded = false
    /// Buckets that arrived while history was loading; stored and recorded once it is loaded.
    private var pending: [SLIBucket] = []
    private let store: any SteadyStore
    private let clock: any WallClock
    private let logger: Logger
    /// Hands burn-rate alerts to the alert pipeline (routing, silences, notifications).
    private let forward: @Sendable ([Alert]) async throws -> Void

    init(
        slos: [SLOSpec], store: any SteadyStore, clock: any WallClock, logger: Logger,
        forward: @escaping @Sendable ([Alert]) async throws -> Void = { _ in }
    ) {
        engine = SLOEngine(slos: slos)
        self.store = store
        self.clock = clock
        self.logger = logger
        self.forward = forward
    }

    /// Restores firing alerts and loads every SLO's history; then evaluates once. Alerts come back first, so a status
    /// read while the history loads (the actor is reentrant) never shows restored history without its alerts.
    func start() async {
        await restoreAlerts()
        await loadHistory(for: engine.slos.map(\.id))
        loaded = true
        let arrived = pending
        pending = []
        await persist(arrived)
        for bucket in arrived { engine.record(bucket) }
        await evaluate(ids: nil)
    }

    /// Applies a reloaded configuration; SLOs whose SLI or period changed reload their history.
    func apply(slos: [SLOSpec]) async {
        let fresh = engine.apply(slos: slos)
        if loaded && !fresh.isEmpty { await loadHistory(for: fresh) }
        await evaluate(ids: Set(fresh))
    }

    /// Stores new buckets, adds them to the engine and evaluates the SLOs they belong to.
    func ingest(_ buckets: [SLIBucket], problems: [String: [String]]) async {
        for (slo, list) in problems { engine.setSourceProblems(list, for: slo) }
        guard !buckets.isEmpty else { return }
        guard loaded else {
            pending.append(contentsOf: buckets)
            return
        }
        await persist(buckets)
        for bucket in buckets { engine.record(bucket) }
        await evaluate(ids: Set(buckets.map(\.slo)))
    }

    private func persist(_ buckets: [SLIBucket]) async {
        guard !buckets.isEmpty else { return }
        do {
            try await store.mergeSLIBuckets(buckets)
        } catch {
            logger.error("storing SLI buckets failed", metadata: ["error": "\(error)"])
        }
    }

    /// Evaluates every SLO (the periodic tick: no-data alerts, calendar resets, burn rates decaying).
    func tick() async {
        guard loaded else { return }
        await evaluate(ids: nil)
    }

    func setProblems(_ problems: [String], for slo: String) { engine.setSourceProblems(problems, for: slo) }

    /// The status of every SLO now, in configuration order.
    func currentStatuses() -> [SLOStatus] { engine.statuses(at: clock.now) }

    func status(id: String) -> SLOStatus? { engine.status(of: id, at: clock.now) }

    func specs() -> [SLOSpec] { engine.slos }

    // MARK: - Evaluation

    private func evaluate(ids: Set<String>?) async {
        let now = clock.now
        await loadEdges(at: now, ids: ids)
        let evaluation = engine.evaluate(at: now, only: ids)
        for (_, action) in evaluation.actions { await announce(action) }
    }

    private func announce(_ action: SLOAlertAction) async {
        let (alert, kind, verb) =
            switch action {
            case .fire(let alert): (alert, "slo.alert.firing", "firing")
            case .resolve(let alert): (alert, "slo.alert.resolved", "resolved")
            }
        var attributes = alert.labels
        attributes["starts_at"] = "\(alert.startsAt.nanosecondsSinceEpoch)"
        attributes["summary"] = alert.annotations["summary"]
        attributes["description"] = alert.annotations["description"]
        let severity: Event.Severity =
            if case .resolve = action { .info } else { alert.labels["severity"] == "critical" ? .critical : .warning }
        let message =
            "\(alert.name)\(alert.labels["tier"].map { " (\($0))" } ?? "") \(verb): "
            + (alert.annotations["description"] ?? "")
        logger.notice("\(message)", metadata: ["slo": "\(alert.labels["service"] ?? "")/\(alert.labels["slo"] ?? "")"])
        do {
            try await forward([Self.pipelineAlert(action, now: clock.now)])
        } catch {
            logger.error("handing the SLO alert to the alert pipeline failed", metadata: ["error": "\(error)"])
        }
        do {
            try await store.appendEvent(
                NewEvent(
                    time: clock.now, kind: kind, severity: severity, service: alert.labels["service"],
                    message: message, attributes: attributes))
        } catch {
            logger.error("event log write failed", metadata: ["error": "\(error)"])
        }
    }

    /// An SLO alert as the pipeline's `Alert`: firing until the engine resolves it (then `endsAt` is the
    /// resolution time).
    static func pipelineAlert(_ action: SLOAlertAction, now: WallInstant) -> Alert {
        switch action {
        case .fire(let alert):
            var labels = alert.labels
            labels["alertname"] = alert.name
            return Alert(
                labels: Labels(labels), annotations: Labels(alert.annotations), startsAt: alert.startsAt,
                endsAt: WallInstant(nanosecondsSinceEpoch: .max), updatedAt: now)
        case .resolve(let alert):
            var labels = alert.labels
            labels["alertname"] = alert.name
            return Alert(
                labels: Labels(labels), annotations: Labels(alert.annotations), startsAt: alert.startsAt,
                endsAt: alert.endsAt ?? now, updatedAt: now)
        }
    }

    // MARK: - Storage

    private func loadHistory(for ids: [String]) async {
        guard !ids.isEmpty else { return }
        let now = clock.now
        let wanted = Set(ids)
        let longest = engine.slos.filter { wanted.contains($0.id) }.map { $0.period.maximumLength }.max() ?? .zero
        var cursor = now.advanced(by: .zero - longest - .seconds(3600)).minuteFloor
        let end = now.advanced(by: .seconds(60))
        var count = 0
        do {
            // A day at a time, oldest first: the rings move forward as they fill.
            while cursor < end {
                let next = min(end, cursor.advanced(by: .seconds(86_400)))
                for bucket in try await store.sliBuckets(from: cursor, to: next) where wanted.contains(bucket.slo) {
                    engine.record(bucket)
                    count += 1
                }
                cursor = next
            }
            logger.debug("SLI history loaded", metadata: ["slos": "\(ids.count)", "buckets": "\(count)"])
        } catch {
            logger.error("loading SLI history failed", metadata: ["error": "\(error)"])
        }
    }

    private func loadEdges(at now: WallInstant, ids: Set<String>?) async {
        for (slo, hour) in engine.neededEdges(at: now) where ids?.contains(slo) ?? true {
            do {
                let buckets = try await store.sliBuckets(slo: slo, from: hour, to: hour.advanced(by: .seconds(3600)))
                engine.setEdge(slo: slo, hourStart: hour, buckets: buckets)
            } catch {
                logger.error("loading SLI history failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Alerts announced as firing and not resolved since (from the event log) keep firing without a new event.
    private func restoreAlerts() async {
        do {
            let events = try await store.events(EventQuery(kind: "slo.alert.", limit: 1000))
            var open: [String: [String: SLOAlert]] = [:]
            for event in events.reversed() {  // oldest first
                guard let service = event.attributes["service"], let name = event.attributes["slo"],
                    let alertname = event.attributes["alertname"]
                else { continue }
                var labels = event.attributes
                for key in ["starts_at", "summary", "description"] { labels.removeValue(forKey: key) }
                let startsAt = event.attributes["starts_at"].flatMap(Int64.init).map(WallInstant.init) ?? event.time
                var annotations: [String: String] = [:]
                annotations["summary"] = event.attributes["summary"]
                annotations["description"] = event.attributes["description"]
                let alert = SLOAlert(name: alertname, labels: labels, annotations: annotations, startsAt: startsAt)
                let id = "\(service)/\(name)"
                if event.kind == "slo.alert.firing" {
                    open[id, default: [:]][alert.key] = alert
                } else {
                    open[id]?.removeValue(forKey: alert.key)
                }
            }
            for (id, alerts) in open where !alerts.isEmpty {
                engine.restoreAlerts(Array(alerts.values), for: id)
            }
        } catch {
            logger.error("restoring SLO alerts failed", metadata: ["error": "\(error)"])
        }
    }
}
