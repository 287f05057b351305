import Hummingbird

extension DemoService {
    func addAdminRoutes(to group: RouterGroup<BasicRequestContext>) {
        let faults = self.faults
        group.get("/admin/faults") { _, _ in
            JSONResponse.make(FaultStatus(faults.current()))
        }
        group.post("/admin/faults") { request, _ in
            let body = try await request.decodeJSONBody(as: FaultRequest.self)
            do throws(FaultError) {
                let active = try faults.set(body.settings, ttl: try body.ttl())
                return JSONResponse.make(FaultStatus(active))
            } catch {
                throw APIError.badRequest(error.message, code: "invalid_fault")
            }
        }
        group.delete("/admin/faults") { _, _ in
            faults.clear()
            return JSONResponse.make(FaultStatus(nil))
        }
    }
}
