import HTTPTypes
import SteadyModel

/// The handlers behind the routes.
enum Endpoint: Sendable, CaseIterable {
    case listServices, serviceDetail, serviceSignals, listTargets, listEvents, createEvent
    case listSLOs, sloDetail, sloGate, sloSeries, sloRules, sloOpenSLO, sloConvert
    case listTokens, createToken, deleteToken, whoAmI, status
    case postAlerts, getAlerts, getAlertGroups, getReceivers, getAlertmanagerStatus
    case listNotifications, notificationDetail, pagerDutyEnqueue
    case getSilences, getSilence, postSilence, deleteSilence
    case heartbeatPing, listHeartbeats, listProbes
    case listMaintenance, createMaintenance, deleteMaintenance
    case reload, healthy, ready, metrics
    case dashboardIndex, dashboardService, dashboardAlerts, loginForm, login, logout
}

/// A route: its public description and the handler that serves it.
struct Route: Sendable {
    var spec: RouteSpec
    var endpoint: Endpoint

    init(_ spec: RouteSpec, _ endpoint: Endpoint) {
        self.spec = spec
        self.endpoint = endpoint
    }
}

/// The route table — the ONE place where paths and minimum roles are declared. `buildRouter` registers exactly
/// these routes, each behind an access check for its `RouteAccess`.
enum RouteTable {
    static let routes: [Route] = [
        // JSON API
        Route(RouteSpec(.get, "/api/v1/services", .role(.viewer), .api), .listServices),
        Route(RouteSpec(.get, "/api/v1/services/:name", .role(.viewer), .api), .serviceDetail),
        Route(RouteSpec(.get, "/api/v1/services/:name/signals", .role(.viewer), .api), .serviceSignals),
        Route(RouteSpec(.get, "/api/v1/targets", .role(.viewer), .api), .listTargets),
        Route(RouteSpec(.get, "/api/v1/slos", .role(.viewer), .api), .listSLOs),
        Route(RouteSpec(.get, "/api/v1/slos/rules", .role(.viewer), .api), .sloRules),
        Route(RouteSpec(.get, "/api/v1/slos/openslo", .role(.viewer), .api), .sloOpenSLO),
        Route(RouteSpec(.post, "/api/v1/slos/convert", .role(.viewer), .api), .sloConvert),
        Route(RouteSpec(.get, "/api/v1/slos/:service/:name", .role(.viewer), .api), .sloDetail),
        Route(RouteSpec(.get, "/api/v1/slos/:service/:name/gate", .role(.viewer), .api), .sloGate),
        Route(RouteSpec(.get, "/api/v1/slos/:service/:name/series", .role(.viewer), .api), .sloSeries),
        Route(RouteSpec(.get, "/api/v1/notifications", .role(.viewer), .api), .listNotifications),
        Route(RouteSpec(.get, "/api/v1/notifications/:id", .role(.viewer), .api), .notificationDetail),
        Route(RouteSpec(.get, "/api/v1/heartbeats", .role(.viewer), .api), .listHeartbeats),
        Route(RouteSpec(.get, "/api/v1/probes", .role(.viewer), .api), .listProbes),
        Route(RouteSpec(.get, "/api/v1/maintenance", .role(.viewer), .api), .listMaintenance),
        Route(RouteSpec(.post, "/api/v1/maintenance", .role(.responder), .api), .createMaintenance),
        Route(RouteSpec(.delete, "/api/v1/maintenance/:id", .role(.responder), .api), .deleteMaintenance),
        Route(RouteSpec(.get, "/api/v1/events", .role(.viewer), .api), .listEvents),
        Route(RouteSpec(.post, "/api/v1/events", .role(.responder), .api), .createEvent),
        Route(RouteSpec(.get, "/api/v1/tokens", .role(.admin), .api), .listTokens),
        Route(RouteSpec(.post, "/api/v1/tokens", .role(.admin), .api), .createToken),
        Route(RouteSpec(.delete, "/api/v1/tokens/:id", .role(.admin), .api), .deleteToken),
        Route(RouteSpec(.get, "/api/v1/whoami", .role(.viewer), .api), .whoAmI),
        Route(RouteSpec(.get, "/api/v1/status", .role(.viewer), .api), .status),
        // Alertmanager API v2
        Route(RouteSpec(.post, "/api/v2/alerts", .role(.responder), .api), .postAlerts),
        Route(RouteSpec(.get, "/api/v2/alerts", .role(.viewer), .api), .getAlerts),
        Route(RouteSpec(.get, "/api/v2/alerts/groups", .role(.viewer), .api), .getAlertGroups),
        Route(RouteSpec(.get, "/api/v2/receivers", .role(.viewer), .api), .getReceivers),
        Route(RouteSpec(.get, "/api/v2/silences", .role(.viewer), .api), .getSilences),
        Route(RouteSpec(.post, "/api/v2/silences", .role(.responder), .api), .postSilence),
        Route(RouteSpec(.get, "/api/v2/silence/:id", .role(.viewer), .api), .getSilence),
        Route(RouteSpec(.delete, "/api/v2/silence/:id", .role(.responder), .api), .deleteSilence),
        Route(RouteSpec(.get, "/api/v2/status", .role(.viewer), .api), .getAlertmanagerStatus),
        // PagerDuty Events API v2: the routing key is a Steady token (responder or admin), checked by the handler.
        Route(RouteSpec(.post, "/v2/enqueue", .open, .api), .pagerDutyEnqueue),
        // Heartbeats in Healthchecks' ping format: the UUID is the credential, as in Healthchecks.
        Route(RouteSpec(.get, "/ping/:uuid", .open, .text), .heartbeatPing),
        Route(RouteSpec(.head, "/ping/:uuid", .open, .text), .heartbeatPing),
        Route(RouteSpec(.post, "/ping/:uuid", .open, .text), .heartbeatPing),
        Route(RouteSpec(.get, "/ping/:uuid/:signal", .open, .text), .heartbeatPing),
        Route(RouteSpec(.head, "/ping/:uuid/:signal", .open, .text), .heartbeatPing),
        Route(RouteSpec(.post, "/ping/:uuid/:signal", .open, .text), .heartbeatPing),
        // Operations (Prometheus's paths)
        Route(RouteSpec(.post, "/-/reload", .role(.admin), .api), .reload),
        Route(RouteSpec(.get, "/-/healthy", .open, .text), .healthy),
        Route(RouteSpec(.get, "/-/ready", .open, .text), .ready),
        Route(RouteSpec(.get, "/metrics", .open, .text), .metrics),
        // Dashboard
        Route(RouteSpec(.get, "/", .role(.viewer), .page), .dashboardIndex),
        Route(RouteSpec(.get, "/services/:name", .role(.viewer), .page), .dashboardService),
        Route(RouteSpec(.get, "/alerts", .role(.viewer), .page), .dashboardAlerts),
        Route(RouteSpec(.get, "/login", .open, .page), .loginForm),
        Route(RouteSpec(.post, "/login", .open, .page), .login),
        Route(RouteSpec(.get, "/logout", .open, .page), .logout),
    ]
}
