import EmulatorCore
import Foundation
import NIOHTTP1
import PartnerCenterClient
import PartnerCenterModels
import Synchronization

/// The wire below one simulated process's real `PartnerCenterClient`: its `HTTPExchange`. Every
/// request waits on the `SimulatedNetwork` until the driver delivers it (with the fault drawn for
/// it), is answered by the emulator's own routes over the world's `EmulatorState`
/// (`EmulatedAnswer.respond`), and the answer waits again until it is delivered (or lost). Faults
/// are applied in HTTP terms: a reset or a timeout as the exchange's transport error, a 429 with
/// `Retry-After` and a 503 as the emulator words them (ARM's words for an ARM request; ARM
/// requests are answered by the emulator's `ARMRouter`). The wire also watches the client keep the
/// protocol (`SimulationEvents.protocolViolations`): no request while a `Retry-After` its endpoint
/// (the API, or Entra ID's token endpoint) gave runs, no refresh token presented after it was rotated.
///
/// A token request has no answer phase: once Entra ID rotated the refresh token, the answer
/// reaches the client (the emulator supersedes a rotated token at once, which Entra ID does not,
/// so a lost answer would end the chain of tokens for good rather than exercise the client).
final class SimulatedWire: HTTPExchange {
    let state: EmulatorState
    let network: SimulatedNetwork
    let events: SimulationEvents
    let life: ProcessLife
    let switches: SimulationSwitches
    let clock: SimulatedClock
    /// The `Retry-After` each endpoint last gave this process, from when to when: Entra ID's token
    /// endpoint (`true`) throttles the token requests, the API (`false`) the API calls.
    private let throttled = Mutex<[Bool: (since: SimulatedClock.Instant, until: SimulatedClock.Instant)]>([:])

    /// The `Retry-After` of a throttled answer (the emulator's throttling fault).
    static let retryAfterSeconds = 7

    init(state: EmulatorState, network: SimulatedNetwork, events: SimulationEvents, life: ProcessLife,
         switches: SimulationSwitches, clock: SimulatedClock) {
        self.state = state
        self.network = network
        self.events = events
        self.life = life
        self.switches = switches
        self.clock = clock
    }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let call = WireCall(request)
        let fail = { (message: String) in
            PartnerCenterError(kind: .transient, message: "simulated: \(message)", requestID: requestID, correlationID: correlationID)
        }
        guard life.isAlive else { throw .cancelled(requestID: requestID, correlationID: correlationID) }
        watchProtocol(call)
        let delivery = await network.wait(process: life.id, label: call.label, phase: .request)
        if case .timedOut = delivery { throw fail("the request timed out") }
        guard case .deliver(var fault) = delivery, life.isAlive else {
            throw .cancelled(requestID: requestID, correlationID: correlationID)
        }
        if call.isTokenRequest {
            // No answer phase (see the type): a fault after applying becomes one before it.
            if fault == .lostResponse { fault = .resetBeforeApply }
            if fault == .appliedThenTimedOut { fault = .timedOutBeforeApply }
        }
        switch fault {
        case .resetBeforeApply: throw fail("connection reset before the request was sent")
        case .timedOutBeforeApply: throw fail("the request timed out")
        case .serverError: return Self.response(call.serviceUnavailable)
        case .throttled: return throttle(call, call.tooManyRequests(retryAfter: Self.retryAfterSeconds))
        case .lostResponse, .appliedThenTimedOut, nil: break
        }
        if switches.credentialsOutage {
            return Self.response(call.credentialsRefused)
        }
        let answer = await apply(call)
        if call.isTokenRequest { return tokenAnswered(call, answer) }
        if fault == .appliedThenTimedOut { throw fail("the request timed out") }
        let back = await network.wait(process: life.id, label: call.label, phase: .response)
        if case .timedOut = back { throw fail("the request timed out") }
        guard case .deliver = back, life.isAlive else { throw .cancelled(requestID: requestID, correlationID: correlationID) }
        if fault == .lostResponse { throw fail("connection reset after the request was processed") }
        return answer.status == 429 ? throttle(call, answer) : Self.response(answer)
    }

    /// The service acts on the request; PUTs and address verdicts are recorded for the oracle.
    private func apply(_ call: WireCall) async -> EmulatedAnswer {
        switch call.route {
        case .putProfile(let customer):
            return await applyPut(call, customer: customer)
        case .validateAddress:
            let answer = await EmulatedAnswer.respond(to: call.emulated, in: state)
            recordAddressCheck(call, answer)
            return answer
        case .rules:
            events.recordRulesCall()
            return await EmulatedAnswer.respond(to: call.emulated, in: state)
        case .other:
            return await EmulatedAnswer.respond(to: call.emulated, in: state)
        }
    }

    private func applyPut(_ call: WireCall, customer: CustomerID) async -> EmulatedAnswer {
        let before = await state.profile(customer)
        let replaysBefore = await state.replayedWriteCount()
        let answer = await EmulatedAnswer.respond(to: call.emulated, in: state)
        let replayed = await state.replayedWriteCount() > replaysBefore
        var after: JSONValue?
        if answer.status == 200, !replayed { after = try? JSONValue(parsing: answer.body) }
        let sent = (try? JSONValue(parsing: call.request.body ?? Data()))?.canonicalText() ?? ""
        let ifMatch = call.header("If-Match") ?? ""
        let bare = ifMatch.count >= 2 && ifMatch.hasPrefix("\"") && ifMatch.hasSuffix("\"") ? String(ifMatch.dropFirst().dropLast()) : ifMatch
        events.record(SimulationEvents.Put(process: life.id, customer: customer, requestID: call.header("MS-RequestId") ?? "",
                                           ifMatch: bare, body: sent, before: before, after: after, replayed: replayed))
        return answer
    }

    /// Records the address service's verdict as the client reads it (also when the answer is then lost).
    private func recordAddressCheck(_ call: WireCall, _ answer: EmulatedAnswer) {
        let result: AddressValidationResult
        if answer.status == 200 {
            let json = answer.body.isEmpty ? JSONValue.null : (try? JSONValue(parsing: answer.body)) ?? .null
            guard let read = try? AddressValidationResult(json: json) else { return }
            result = read
        } else {
            let error = PartnerCenterError.fromResponse(status: answer.status, body: answer.body, retryAfterHeader: nil,
                                                        requestID: nil, correlationID: nil)
            guard error.kind == .badRequest, error.code == "2007" else { return }
            result = AddressValidationResult(legacyDescription: error.message)
        }
        let address = (try? JSONValue(parsing: call.request.body ?? Data())) ?? .null
        events.record(SimulationEvents.AddressCheck(process: life.id, address: address, status: result.status.rawValue,
                                                    isVerified: result.status.isVerified, suggestions: result.suggestions))
    }

    /// A token answer: a rotation is noted (the superseded token must never be presented again).
    private func tokenAnswered(_ call: WireCall, _ answer: EmulatedAnswer) -> RawResponse {
        if answer.status == 200, let presented = call.form["refresh_token"],
           let json = try? JSONValue(parsing: answer.body), let next = json.text("refresh_token"), next != presented {
            events.recordRotation(of: presented, at: clock.now)
        }
        return Self.response(answer)
    }

    /// A 429 handed to the client: its `Retry-After` runs from now, in full (ARM's hourly read
    /// budget asks for up to an hour; seed 2376 was a client that came back after 120 s), for the
    /// endpoint that gave it (seed 10460: Entra ID's 429 on a token request).
    private func throttle(_ call: WireCall, _ answer: EmulatedAnswer) -> RawResponse {
        let response = Self.response(answer)
        if let text = response.headers.first(name: "Retry-After"), let seconds = Int(text) {
            let now = clock.now
            throttled.withLock { $0[call.isTokenRequest] = (now, now.advanced(by: .seconds(seconds))) }
        }
        return response
    }

    /// Notes a request that breaks the protocol as the client sends it.
    private func watchProtocol(_ call: WireCall) {
        let now = clock.now
        if call.isTokenRequest, let presented = call.form["refresh_token"], let rotated = events.rotation(of: presented),
           rotated < now {
            events.recordViolation("process \(life.id) presented a refresh token at t=\(now.offset.secondsText)s "
                                   + "that was rotated at t=\(rotated.offset.secondsText)s")
        }
        if let window = throttled.withLock({ $0[call.isTokenRequest] }), window.since < now, now < window.until {
            let endpoint = call.isTokenRequest ? "token endpoint" : "service"
            events.recordViolation("process \(life.id) sent \(call.label) at t=\(now.offset.secondsText)s while the "
                                   + "\(endpoint)'s Retry-After ran (until t=\(window.until.offset.secondsText)s)")
        }
    }

    static func response(_ answer: EmulatedAnswer) -> RawResponse {
        RawResponse(status: answer.status, headers: HTTPHeaders(answer.headers), body: answer.body)
    }
}
