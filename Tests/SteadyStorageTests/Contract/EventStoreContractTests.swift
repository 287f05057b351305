import SteadyModel
import SteadyStorage
import Testing

@Suite("EventStore contract")
struct EventStoreContractTests {
    private func event(
        _ kind: String, at second: Int, service: String? = nil, severity: Event.Severity = .info,
        attributes: [String: String] = [:]
    ) -> NewEvent {
        NewEvent(
            time: baseMinute.advanced(by: .seconds(second)), kind: kind, severity: severity, service: service,
            message: "\(kind) at \(second)", attributes: attributes)
    }

    @Test(arguments: StoreFactory.all)
    func appendAssignsGrowingIDsAndRoundTripsEveryField(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let first = try await store.appendEvent(
                event(
                    "target.down", at: 0, service: "checkout", severity: .critical,
                    attributes: ["target": "127.0.0.1:8081", "error": "connection refused: \"quoted\" ünïcode"]))
            let second = try await store.appendEvent(event("steady.started", at: 1))
            #expect(second.id > first.id)
            #expect(first.kind == "target.down")
            #expect(first.service == "checkout")

            let stored = try await store.events(EventQuery())
            #expect(stored == [second, first])
            #expect(stored.last?.attributes["error"] == "connection refused: \"quoted\" ünïcode")
            #expect(stored.last?.severity == .critical)
            #expect(stored.first?.service == nil)
            #expect(stored.first?.attributes == [:])
        }
    }

    @Test(arguments: StoreFactory.all)
    func newestFirstByIDWithLimitAndPaging(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            var appended: [Event] = []
            // Times deliberately out of order: the log is ordered by id, i.e. by arrival.
            for index in 0..<7 { appended.append(try await store.appendEvent(event("e.\(index)", at: 100 - index))) }

            let firstPage = try await store.events(EventQuery(limit: 3))
            #expect(firstPage.map(\.kind) == ["e.6", "e.5", "e.4"])

            var paged: [Event] = []
            var before: Int64?
            while true {
                let page = try await store.events(EventQuery(limit: 3, beforeID: before))
                if page.isEmpty { break }
                paged += page
                before = page.last?.id
            }
            #expect(paged == appended.reversed())
            #expect(try await store.events(EventQuery(limit: 0)).isEmpty)
            #expect(try await store.events(EventQuery(beforeID: appended[0].id)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func timeRangeIncludesFromAndExcludesTo(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            for second in [0, 10, 20, 30] { try await store.appendEvent(event("tick", at: second)) }
            let from = baseMinute.advanced(by: .seconds(10))
            let to = baseMinute.advanced(by: .seconds(30))
            let found = try await store.events(EventQuery(from: from, to: to))
            #expect(found.map(\.time) == [baseMinute.advanced(by: .seconds(20)), from])
            #expect(try await store.events(EventQuery(from: to)).count == 1)
            #expect(try await store.events(EventQuery(to: from)).count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func filtersByServiceAndKind(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.appendEvent(event("target.down", at: 0, service: "checkout"))
            try await store.appendEvent(event("target.up", at: 1, service: "payments"))
            try await store.appendEvent(event("targets.reloaded", at: 2))
            try await store.appendEvent(event("target", at: 3, service: "checkout"))
            try await store.appendEvent(event("Target.down", at: 4))
            try await store.appendEvent(event("slo.burn_rate.high", at: 5))
            try await store.appendEvent(event("slo.burnXrate.high", at: 6))
            try await store.appendEvent(event("slo%.x", at: 7))

            func kinds(_ query: EventQuery) async throws -> [String] { try await store.events(query).map(\.kind) }

            #expect(try await kinds(EventQuery(kind: "target.")) == ["target.up", "target.down"])
            #expect(try await kinds(EventQuery(kind: "target")) == ["target"])
            #expect(try await kinds(EventQuery(kind: "target.down")) == ["target.down"])
            // `_` and `%` are plain characters, and case matters.
            #expect(try await kinds(EventQuery(kind: "slo.burn_rate.")) == ["slo.burn_rate.high"])
            #expect(try await kinds(EventQuery(kind: "slo%.")) == ["slo%.x"])
            #expect(try await kinds(EventQuery(kind: "TARGET.")).isEmpty)
            #expect(try await kinds(EventQuery(service: "checkout")) == ["target", "target.down"])
            #expect(try await kinds(EventQuery(service: "checkout", kind: "target.")) == ["target.down"])
            #expect(try await kinds(EventQuery(service: "nobody")).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func filtersCombine(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            var ids: [Int64] = []
            for second in 0..<10 {
                let service = second.isMultiple(of: 2) ? "checkout" : "payments"
                ids.append(try await store.appendEvent(event("probe.failed", at: second, service: service)).id)
            }
            let found = try await store.events(
                EventQuery(
                    from: baseMinute.advanced(by: .seconds(2)), to: baseMinute.advanced(by: .seconds(9)),
                    service: "checkout", kind: "probe.", limit: 2, beforeID: ids[8]))
            #expect(found.map(\.id) == [ids[6], ids[4]])
        }
    }
}
