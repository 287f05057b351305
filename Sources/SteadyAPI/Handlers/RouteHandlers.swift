import Hummingbird
import Logging
import SteadyModel

/// The handlers of every route, sharing the dependencies.
struct RouteHandlers: Sendable {
    let deps: APIDependencies
    let access: AccessControl
    let startedAt: WallInstant
    let logger: Logger

    var authenticator: TokenAuthenticator { access.authenticator }

    /// Checks access for `route`, then runs its handler. Dashboard pages send callers without a valid credential
    /// to the login page instead of answering 401.
    func serve(_ route: Route, _ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        var context = context
        do {
            context.caller = try await access.authorize(request, route: route.spec)
        } catch let error as APIError where route.spec.kind == .page && error.status == .unauthorized {
            return loginRedirect(for: request)
        }
        switch route.endpoint {
        case .listServices: return try await listServices(request, context)
        case .serviceDetail: return try await serviceDetail(request, context)
        case .serviceSignals: return try await serviceSignals(request, context)
        case .listTargets: return try listTargets(request, context)
        case .listEvents: return try await listEvents(request, context)
        case .createEvent: return try await createEvent(request, context)
        case .listSLOs: return try await listSLOs(request, context)
        case .sloDetail: return try await sloDetail(request, context)
        case .sloGate: return try await sloGate(request, context)
        case .sloSeries: return try await sloSeries(request, context)
        case .sloRules: return try sloRules(request, context)
        case .sloOpenSLO: return try sloOpenSLO(request, context)
        case .sloConvert: return try await sloConvert(request, context)
        case .listNotifications: return try await listNotifications(request, context)
        case .notificationDetail: return try await notificationDetail(request, context)
        case .getSilences: return try await getSilences(request, context)
        case .getSilence: return try await getSilence(request, context)
        case .postSilence: return try await postSilence(request, context)
        case .deleteSilence: return try await deleteSilence(request, context)
        case .listMaintenance: return try await listMaintenance(request, context)
        case .createMaintenance: return try await createMaintenance(request, context)
        case .deleteMaintenance: return try await deleteMaintenance(request, context)
        case .heartbeatPing: return try await heartbeatPing(request, context, deps.heartbeats)
        case .listHeartbeats: return try await listHeartbeats(request, context, deps.heartbeats)
        case .listProbes: return try await listProbes(request, context, deps.heartbeats)
        case .pagerDutyEnqueue: return try await pagerDutyEnqueue(request, context)
        case .postAlerts: return try await postAlerts(request, context)
        case .getAlerts: return try await getAlerts(request, context)
        case .getAlertGroups: return try await getAlertGroups(request, context)
        case .getReceivers: return try await getReceivers(request, context)
        case .getAlertmanagerStatus: return try await getAlertmanagerStatus(request, context)
        case .listTokens: return try await listTokens(request, context)
        case .createToken: return try await createToken(request, context)
        case .deleteToken: return try await deleteToken(request, context)
        case .whoAmI: return try whoAmI(request, context)
        case .status: return try status(request, context)
        case .reload: return try await reload(request, context)
        case .healthy: return healthy(request, context)
        case .ready: return try ready(request, context)
        case .metrics: return metrics(request, context)
        case .dashboardIndex: return try await dashboardIndex(request, context)
        case .dashboardAlerts: return try await dashboardAlerts(request, context)
        case .dashboardService: return try await dashboardService(request, context)
        case .loginForm: return loginForm(request, context)
        case .login: return try await login(request, context)
        case .logout: return logout(request, context)
        }
    }

    /// The service named `name` in the current configuration, or 404.
    func service(named name: String) throws -> ServiceSpec {
        guard let service = deps.services().first(where: { $0.name == name }) else {
            throw APIError.notFound("service \"\(name)\" not found")
        }
        return service
    }

    /// Current signals of several services, fetched concurrently; a failure leaves that service without signals
    /// (logged at debug).
    func currentSignals(of names: [String], context: SteadyRequestContext) async -> [String: GoldenSignals] {
        let current = deps.currentSignals
        let logger = context.logger
        return await withTaskGroup(of: (String, GoldenSignals?).self) { group in
            for name in names {
                group.addTask {
                    do {
                        return (name, try await current(name))
                    } catch {
                        logger.debug(
                            "current signals unavailable", metadata: ["service": .string(name), "error": "\(error)"])
                        return (name, nil)
                    }
                }
            }
            var result: [String: GoldenSignals] = [:]
            for await (name, signals) in group {
                if let signals { result[name] = signals }
            }
            return result
        }
    }
}
