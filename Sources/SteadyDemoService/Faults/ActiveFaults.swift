/// The faults currently installed on a ``FaultSwitch`` and how long they have left.
public struct ActiveFaults: Sendable, Hashable {
    public var settings: FaultSettings
    /// The time to live they were installed with.
    public var ttl: Duration
    /// Time left before they expire on their own.
    public var remaining: Duration

    public init(settings: FaultSettings, ttl: Duration, remaining: Duration) {
        self.settings = settings
        self.ttl = ttl
        self.remaining = remaining
    }
}
