/// Optional top-level fields of an `application/health+json` document.
///
/// ```swift
/// let info = HealthServiceInfo(serviceId: "checkout", version: "1", releaseId: "1.4.2",
///                              description: "checkout service")
/// ```
public struct HealthServiceInfo: Sendable, Hashable {
    /// `serviceId`: a unique identifier of the service.
    public var serviceId: String?
    /// `version`: the public (major) version.
    public var version: String?
    /// `releaseId`: the release or build.
    public var releaseId: String?
    /// `description`: a human-friendly description.
    public var description: String?
    /// `notes`: notes about the current state of health.
    public var notes: [String]

    /// Creates service info.
    ///
    /// ```swift
    /// let info = HealthServiceInfo(serviceId: "payments")
    /// ```
    public init(
        serviceId: String? = nil, version: String? = nil, releaseId: String? = nil, description: String? = nil,
        notes: [String] = []
    ) {
        self.serviceId = serviceId
        self.version = version
        self.releaseId = releaseId
        self.description = description
        self.notes = notes
    }
}
