import NIOCore
import NIOHTTP1

/// Reads responses on one connection and reports them to the engine (which owns the connection's current request).
final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    let engine: LoadEngine
    var currentID: UInt64?
    private var status: Int = 0
    private var keepAlive = true

    init(engine: LoadEngine) {
        self.engine = engine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            guard let id = currentID else { return }
            currentID = nil
            engine.responded(id: id, status: status, channel: context.channel, reusable: keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let id = currentID {
            currentID = nil
            engine.connectionFailed(id: id)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
