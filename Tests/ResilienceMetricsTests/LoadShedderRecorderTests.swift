import Resilience
import ResilienceMetrics
import Testing

@Suite("Load shedder admissions")
struct LoadShedderRecorderTests {
    @Test("admissions count by criticality; a wait at the threshold or longer counts as queued; waits are timed")
    func admissions() {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).loadShedder(
            name: "api", initialLimit: 4, queuedThreshold: .milliseconds(1))
        recorder.recordAdmission(criticality: .critical, queueWait: .zero)
        recorder.recordAdmission(criticality: .critical, queueWait: .microseconds(999))
        recorder.recordAdmission(criticality: .critical, queueWait: .milliseconds(1))
        recorder.recordAdmission(criticality: .sheddable, queueWait: .milliseconds(250))
        // A wait measured on a clock that went backwards is recorded as zero.
        recorder.recordAdmission(criticality: .sheddable, queueWait: .milliseconds(-3))

        #expect(
            factory.nonZeroCounters(ResilienceMetricName.loadShedderAdmitted) == [
                #"resilience_loadshedder_admitted_total{criticality="CRITICAL",name="api"} 3"#,
                #"resilience_loadshedder_admitted_total{criticality="SHEDDABLE",name="api"} 2"#,
            ])
        #expect(
            factory.nonZeroCounters(ResilienceMetricName.loadShedderQueued) == [
                #"resilience_loadshedder_queued_total{criticality="CRITICAL",name="api"} 1"#,
                #"resilience_loadshedder_queued_total{criticality="SHEDDABLE",name="api"} 1"#,
            ])
        #expect(
            factory.timer(ResilienceMetricName.loadShedderQueueWait, ["name": "api", "criticality": "CRITICAL"]) == [
                0, 999_000, 1_000_000,
            ])
        #expect(
            factory.timer(ResilienceMetricName.loadShedderQueueWait, ["name": "api", "criticality": "SHEDDABLE"]) == [
                250_000_000, 0,
            ])
        #expect(factory.gauge(ResilienceMetricName.loadShedderLimit, ["name": "api"]) == 4)
        #expect(recorder.queuedThreshold == .milliseconds(1))
    }
}
