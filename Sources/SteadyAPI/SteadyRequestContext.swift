public import Hummingbird

/// The request context of Steady's router: Hummingbird's core storage plus who is calling and the request id.
///
/// ```swift
/// let app = Application(router: buildRouter(deps, logger: logger), configuration: .init(address: .hostname("127.0.0.1", port: 4040)))
/// ```
public struct SteadyRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; ``Caller/anonymous`` until the route's access check has run.
    public var caller: Caller
    /// `X-Request-ID` of the request (honoured when the client sent a sane one, generated otherwise).
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.caller = .anonymous
        self.requestID = ""
    }

    /// JSON and form bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }
}
