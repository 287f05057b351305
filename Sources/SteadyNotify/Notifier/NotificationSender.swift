public import AsyncHTTPClient
public import Logging
public import NIOCore
public import NIOPosix
public import NIOSSL
public import SteadyModel

/// The ``Notifier`` for every integration Steady delivers to: webhook (Alertmanager's v4 JSON, optional HMAC
/// signature), Slack incoming webhooks, PagerDuty Events API v2 (and v1 service keys), and email over SMTP.
///
/// Every HTTP request carries `Idempotency-Key: <dedup key>`; webhooks also `X-Steady-Signature` when
/// `hmac_secret` is set. Emails carry `X-Steady-Dedup-Key` and a `Message-Id` derived from the dedup key, so a
/// retried mail has the same id.
///
/// ```swift
/// let sender = NotificationSender(httpClient: .shared, clock: SystemWallClock(), templates: templates, logger: logger)
/// let result = await sender.send(NotificationAttempt(
///     notification: item.notification, integration: integration, attempt: 1, dedupKey: item.dedupKey))
/// ```
public struct NotificationSender: Notifier {
    /// Where Events API v1 (`service_key`) events go.
    public static let pagerDutyV1URL = "https://events.pagerduty.com/generic/2010-04-15/create_event.json"
    public static let idempotencyHeader = "Idempotency-Key"

    let poster: HTTPPoster
    let clock: any WallClock
    let templates: TemplateSet
    let logger: Logger
    let smtp: SMTPClient
    let pagerDutyV1URL: String

    /// - Parameters:
    ///   - httpClient: shared client for webhook, Slack and PagerDuty (`follow_redirects: false` uses a process-wide
    ///     non-redirecting client instead; `tls_config` applies per request, and a `server_name` that differs from
    ///     the URL's host uses a client of its own for the request).
    ///   - clock: wall clock for `Date` headers and `Retry-After` dates.
    ///   - templates: default templates plus the configuration's template files.
    ///   - eventLoopGroup: for SMTP connections.
    ///   - smtpTrustRoots: certificates trusted for SMTP TLS instead of the system's (tests, private CAs); an email's
    ///     `tls_config.ca`/`ca_file` takes precedence.
    public init(
        httpClient: HTTPClient, clock: any WallClock, templates: TemplateSet = .defaults, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        smtpTrustRoots: NIOSSLTrustRoots? = nil, userAgent: String = "Steady",
        pagerDutyV1URL: String = NotificationSender.pagerDutyV1URL
    ) {
        self.poster = HTTPPoster(client: httpClient, clock: clock, userAgent: userAgent)
        self.clock = clock
        self.templates = templates
        self.logger = logger
        self.smtp = SMTPClient(group: eventLoopGroup, clock: clock, trustRoots: smtpTrustRoots, logger: logger)
        self.pagerDutyV1URL = pagerDutyV1URL
    }

    public func send(_ attempt: NotificationAttempt) async -> DeliveryResult {
        let result: DeliveryResult
        switch attempt.integration {
        case .webhook(let config): result = await sendWebhook(attempt, config)
        case .slack(let config): result = await sendSlack(attempt, config)
        case .pagerduty(let config): result = await sendPagerDuty(attempt, config)
        case .email(let config): result = await sendEmail(attempt, config)
        }
        logger.debug(
            "notification attempt",
            metadata: [
                "receiver": "\(attempt.notification.receiver)", "integration": "\(attempt.integration.kind)",
                "attempt": "\(attempt.attempt)", "result": "\(result.kind.rawValue)",
                "status": "\(result.status.map(String.init) ?? "-")",
            ])
        return result
    }

    func sendWebhook(_ attempt: NotificationAttempt, _ config: WebhookConfig) async -> DeliveryResult {
        let body = WebhookPayload.encode(attempt.notification, maxAlerts: config.maxAlerts)
        var headers = [(Self.idempotencyHeader, attempt.dedupKey)]
        if let secret = config.hmacSecret {
            headers.append((WebhookSignature.headerName, WebhookSignature.header(body: body, secret: secret.value)))
        }
        return await poster.post(url: config.url.value, body: body, headers: headers, settings: config.http).result
    }

    func sendSlack(_ attempt: NotificationAttempt, _ config: SlackConfig) async -> DeliveryResult {
        let body: [UInt8]
        do {
            body = try SlackPayload.encode(attempt.notification, config: config, templates: templates)
        } catch {
            return .permanent("template: \(error.description)")
        }
        let (result, response) = await poster.post(
            url: config.apiURL.value, body: body, headers: [(Self.idempotencyHeader, attempt.dedupKey)],
            settings: config.http)
        // The Web API answers 200 with {"ok":false,"error":"…"}; incoming webhooks answer "ok".
        if result.kind == .delivered, response.first == UInt8(ascii: "{") {
            let text = String(decoding: response, as: UTF8.self)
            if text.contains("\"ok\":false") || text.contains("\"ok\": false") {
                return .permanent(
                    "error response from Slack: \(text.prefix(HTTPPoster.bodyExcerptLimit))", status: result.status)
            }
        }
        return result
    }

    func sendPagerDuty(_ attempt: NotificationAttempt, _ config: PagerDutyConfig) async -> DeliveryResult {
        let body: [UInt8]
        do {
            body = try PagerDutyPayload.encode(attempt.notification, config: config, templates: templates)
        } catch {
            return .permanent(error.message)
        }
        let url = config.usesEventsAPIV1 ? pagerDutyV1URL : config.url
        var result = await poster.post(
            url: url, body: body, headers: [(Self.idempotencyHeader, attempt.dedupKey)], settings: config.http
        ).result
        // Events API v1 answers 403 when rate limiting (Alertmanager retries it).
        if url == pagerDutyV1URL, result.status == 403 { result.kind = .retryable }
        return result
    }

    func sendEmail(_ attempt: NotificationAttempt, _ config: EmailConfig) async -> DeliveryResult {
        let message: EmailMessage
        do {
            message = try EmailMessage.build(
                attempt.notification, config: config, templates: templates, now: clock.now,
                dedupKey: attempt.dedupKey)
        } catch {
            return .permanent(error.description)
        }
        return await smtp.send(message, config: config)
    }
}
