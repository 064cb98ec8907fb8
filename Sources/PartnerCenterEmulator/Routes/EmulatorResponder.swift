import EmulatorCore
import Foundation
import Hummingbird
import PartnerCenterModels

/// Dispatches every request: finds the route, applies faults, auth, the 403 switch and the rate
/// limit, runs the handler, shapes the response (headers, fault-damaged bodies) and counts it.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let routes: [EmulatorRoute]
    let state: EmulatorState
    let configuration: EmulatorConfiguration

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        var request = request
        let body = (try? await request.collectBody(upTo: 4 * 1024 * 1024)).map { Data(buffer: $0) } ?? Data()
        let route: EmulatorRoute
        let parameters: [String: String]
        switch EmulatorRouter.match(routes, method: request.method, path: request.uri.path) {
        case .success(let found):
            (route, parameters) = found
        case .failure(let unmatched):
            await state.recordRequest(route: "UNMATCHED", status: Int(unmatched.reply.status.code))
            return render(unmatched.reply, request: request, kind: .api, plan: FaultPlan())
        }
        let plan = route.kind == .admin ? FaultPlan()
            : await state.drawFaults(isWrite: request.method == .put, isTokenEndpoint: route.kind == .token)
        if plan.delay > .zero { try? await Task.sleep(for: plan.delay) }

        var reply: EmulatorReply
        switch plan.outcome {
        case .connectionReset:
            context.closeConnection()
            await state.recordRequest(route: route.name, status: 0)
            return Response(status: .ok)
        case .tooManyRequests(let retryAfter):
            reply = .tooManyRequests(retryAfter: retryAfter)
        case .internalServerError:
            reply = .internalServerError
        case .serviceUnavailable:
            reply = .serviceUnavailable
        default:
            let emulatorRequest = EmulatorRequest(
                method: request.method, pathParameters: parameters,
                query: FormEncoding.decode(request.uri.query ?? ""), headers: request.headers, body: body,
                state: state, configuration: configuration)
            reply = await EmulatorRouter.answer(route, emulatorRequest)
        }
        if plan.outcome == .lostPutResponse, reply.status == .ok {
            context.closeConnection()
            await state.recordRequest(route: route.name, status: 0)
            return Response(status: .ok)
        }
        await state.recordRequest(route: route.name, status: Int(reply.status.code))
        return render(reply, request: request, kind: route.kind, plan: plan)
    }
}
