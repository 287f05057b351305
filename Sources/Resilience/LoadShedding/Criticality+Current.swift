extension Criticality {
    /// The criticality of the request the current task serves, propagated through child tasks.
    ///
    /// Set it from the incoming ``headerName`` header at the edge of a service; a ``LoadShedder`` used as a
    /// pipeline stage admits by it, and outgoing calls copy it into their own header so the class propagates.
    ///
    /// ```swift
    /// let incoming = Criticality(headerValue: request.headers[Criticality.headerName] ?? "") ?? .default
    /// try await Criticality.$current.withValue(incoming) {
    ///     try await handle(request)  // outgoing: headers[Criticality.headerName] = (Criticality.current ?? .default).headerValue
    /// }
    /// ```
    @TaskLocal public static var current: Criticality?
}
