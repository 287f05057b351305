import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// The open-loop generator. Every request is scheduled at `rate` per second from the start, whether or not earlier
/// ones were answered; each gets its own connection from a pool (opened on demand, so the server sees as many
/// concurrent requests as are outstanding) and a client deadline, after which it counts as a timeout and its
/// connection is reset. All state lives on one event loop.
final class LoadEngine: @unchecked Sendable {
    // @unchecked: every mutable field is touched only on `loop` (callbacks and scheduled tasks run there).
    private struct Pending {
        var classIndex: Int
        var start: NIODeadline
        var deadline: NIODeadline
        var measured: Bool
        var attempt = 0
        var channel: (any Channel)?
        var timeout: Scheduled<Void>?
    }

    let loop: any EventLoop
    let settings: LoadSettings
    private var stats: [ClassStats]
    private var dealer: ClassDealer
    private var idle: [any Channel] = []
    private var openConnections = 0
    private var pending: [UInt64: Pending] = [:]
    private var nextID: UInt64 = 0
    private var scheduledSends = 0
    private var startTime = NIODeadline.now()
    private var measureStart = NIODeadline.now()
    private var sendEnd = NIODeadline.now()
    private var ticker: RepeatedTask?
    private var budget: RetryTokens?
    private var finished = false
    private let promise: EventLoopPromise<[ClassStats]>
    private let bootstrap: ClientBootstrap

    init(loop: any EventLoop, settings: LoadSettings) {
        self.loop = loop
        self.settings = settings
        self.stats = Array(repeating: ClassStats(), count: settings.classes.count)
        self.dealer = ClassDealer(settings.classes)
        self.budget = settings.retryBudgetRatio.map(RetryTokens.init)
        self.promise = loop.makePromise()
        self.bootstrap = ClientBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connectTimeout(settings.deadline)
    }

    /// Starts sending; the future completes with per-class statistics once the last request is settled.
    func run() -> EventLoopFuture<[ClassStats]> {
        loop.execute { self.start() }
        return promise.futureResult
    }

    private func start() {
        startTime = .now()
        measureStart = startTime + settings.warmup
        sendEnd = measureStart + settings.duration
        if let concurrency = settings.closedLoop {
            for _ in 0..<concurrency { newRequest(intended: startTime, now: startTime) }
        }
        ticker = loop.scheduleRepeatedTask(initialDelay: .milliseconds(1), delay: .milliseconds(1)) { _ in
            self.tick()
        }
    }

    private func tick() {
        let now = NIODeadline.now()
        if settings.closedLoop == nil {
            // Each request has its own intended send time, startTime + n / rate, whatever the tick's lateness: a
            // late tick sends the overdue requests at once, and their latency and client deadline still count from
            // when they should have gone out (no coordinated omission).
            while true {
                let intended = startTime + .nanoseconds(Int64(Double(scheduledSends + 1) / settings.rate * 1e9))
                guard intended <= now, intended < sendEnd else { break }
                scheduledSends += 1
                newRequest(intended: intended, now: now)
            }
        }
        finishIfDone(now: now)
    }

    /// Starts a request that was due at `intended` (`now` or earlier).
    private func newRequest(intended: NIODeadline, now: NIODeadline) {
        nextID &+= 1
        let id = nextID
        let classIndex = dealer.next()
        let measured = intended >= measureStart
        if measured { stats[classIndex].sent += 1 }
        var request = Pending(
            classIndex: classIndex, start: intended, deadline: intended + settings.deadline, measured: measured)
        guard now < request.deadline else {
            // Already past its deadline before it could be sent: the generator fell that far behind.
            pending[id] = request
            finish(id: id, outcome: .timeout)
            return
        }
        request.timeout = loop.scheduleTask(deadline: request.deadline) { self.timedOut(id: id) }
        pending[id] = request
        attempt(id: id)
    }

    private func attempt(id: UInt64) {
        guard let request = pending[id] else { return }
        if request.measured { stats[request.classIndex].attempts += 1 }
        while let channel = idle.popLast() {
            if channel.isActive {
                send(id: id, on: channel)
                return
            }
        }
        guard openConnections < settings.maxConnections else {
            finish(id: id, outcome: .error)
            return
        }
        openConnections += 1
        bootstrap.channelInitializer { channel in
            do {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(ResponseHandler(engine: self))
                return channel.eventLoop.makeSucceededVoidFuture()
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        .connect(host: settings.target.host, port: settings.target.port)
        .whenComplete { result in
            switch result {
            case .success(let channel):
                channel.closeFuture.whenComplete { _ in self.openConnections -= 1 }
                if self.pending[id] != nil {
                    self.send(id: id, on: channel)
                } else {
                    self.idle.append(channel)
                }
            case .failure:
                self.openConnections -= 1
                self.finish(id: id, outcome: .error)
            }
        }
    }

    private func send(id: UInt64, on channel: any Channel) {
        guard var request = pending[id],
            let handler = try? channel.pipeline.syncOperations.handler(type: ResponseHandler.self)
        else {
            finish(id: id, outcome: .error)
            return
        }
        request.channel = channel
        pending[id] = request
        handler.currentID = id
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: settings.target.path)
        head.headers.add(name: "Host", value: settings.target.hostHeader)
        let className = settings.classes[request.classIndex].name
        if className != "none" { head.headers.add(name: "x-criticality", value: className) }
        if settings.sendsDeadlineHeader {
            let left = max(0, (request.deadline - .now()).nanoseconds / 1_000_000)
            head.headers.add(name: "x-request-timeout", value: "\(left)m")
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    /// A response arrived on `channel` for request `id`.
    func responded(id: UInt64, status: Int, channel: any Channel, reusable: Bool) {
        if reusable, channel.isActive { idle.append(channel) } else { channel.close(promise: nil) }
        guard var request = pending[id] else { return }
        request.channel = nil
        pending[id] = request
        if (200..<300).contains(status) {
            budget?.recordSuccess()
            finish(id: id, outcome: .good)
            return
        }
        if status >= 500 {
            let budgetAllows = budget?.recordFailure() ?? true
            if request.attempt < settings.retries, budgetAllows, NIODeadline.now() < request.deadline {
                request.attempt += 1
                pending[id] = request
                if request.measured { stats[request.classIndex].retries += 1 }
                attempt(id: id)
                return
            }
            finish(id: id, outcome: status == 503 ? .rejected : .error)
            return
        }
        finish(id: id, outcome: .error)
    }

    /// The connection carrying request `id` closed before its response.
    func connectionFailed(id: UInt64) {
        guard pending[id] != nil else { return }
        finish(id: id, outcome: .error)
    }

    private func timedOut(id: UInt64) {
        guard let request = pending[id] else { return }
        if let channel = request.channel {
            // Abort the way an impatient client does, with a reset, so no TIME_WAIT piles up on loopback.
            if let handler = try? channel.pipeline.syncOperations.handler(type: ResponseHandler.self) {
                handler.currentID = nil
            }
            if let provider = channel as? any SocketOptionProvider {
                _ = provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            channel.close(promise: nil)
        }
        finish(id: id, outcome: .timeout)
    }

    private enum Outcome {
        case good, rejected, timeout, error
    }

    private func finish(id: UInt64, outcome: Outcome) {
        guard let request = pending.removeValue(forKey: id) else { return }
        request.timeout?.cancel()
        let now = NIODeadline.now()
        if request.measured {
            switch outcome {
            case .good:
                if now <= request.deadline {
                    stats[request.classIndex].good += 1
                    let micros = (now - request.start).nanoseconds / 1000
                    stats[request.classIndex].latencies.append(UInt32(clamping: micros))
                } else {
                    stats[request.classIndex].timeouts += 1
                }
            case .rejected: stats[request.classIndex].rejected += 1
            case .timeout: stats[request.classIndex].timeouts += 1
            case .error: stats[request.classIndex].errors += 1
            }
        }
        if settings.closedLoop != nil, now < sendEnd {
            // Keep the loop closed: the next request goes out on the next turn of the event loop.
            loop.execute {
                let now = NIODeadline.now()
                self.newRequest(intended: now, now: now)
            }
        }
    }

    private func finishIfDone(now: NIODeadline) {
        guard !finished, now >= sendEnd, pending.isEmpty else { return }
        finished = true
        ticker?.cancel()
        for channel in idle { channel.close(promise: nil) }
        idle.removeAll()
        promise.succeed(stats)
    }
}
