import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

extension DemoService {
    /// `Content-Type` of the Prometheus text exposition format 0.0.4.
    static var metricsContentType: String { "text/plain; version=0.0.4; charset=utf-8" }

    func addMetricsRoute(to router: Router<BasicRequestContext>) {
        let registry = self.registry
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = Self.metricsContentType
            return Response(
                status: .ok,
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}
