import BillingSyncEngine
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Synchronization

/// The engine's port implemented in process on the emulator's state model: no sockets, every
/// request and response parked on the `SimulatedNetwork` until the driver delivers it, with the
/// fault the driver drew. One instance per simulated process.
public final class SimulatedPartnerCenter: PartnerCenterPort {
    let state: EmulatorState
    let network: SimulatedNetwork
    let events: SimulationEvents
    let life: ProcessLife
    /// Tenant-wide switches the driver sets (a credentials outage).
    let switches: SimulationSwitches

    init(state: EmulatorState, network: SimulatedNetwork, events: SimulationEvents, life: ProcessLife,
         switches: SimulationSwitches) {
        self.state = state
        self.network = network
        self.events = events
        self.life = life
        self.switches = switches
    }

    /// One exchange: the request waits, is delivered (or fails by its fault), the service acts,
    /// the response waits, and is returned (or lost).
    func exchange<T: Sendable>(_ label: String,
                               _ perform: @Sendable () async -> Result<T, PartnerCenterError>) async throws(PartnerCenterError) -> T {
        guard life.isAlive else { throw .cancelled() }
        let delivery = await network.wait(process: life.id, label: label, phase: .request)
        if case .timedOut = delivery { throw .simulatedTimeout }
        guard case .deliver(let fault) = delivery, life.isAlive else { throw .cancelled() }
        if switches.credentialsOutage {
            throw SimulatedFault.credentials.errorBeforeApply ?? .cancelled()
        }
        if let error = fault?.errorBeforeApply { throw error }
        let result = await perform()
        if fault == .appliedThenTimedOut { throw .simulatedTimeout }
        let answer = await network.wait(process: life.id, label: label, phase: .response)
        if case .timedOut = answer { throw .simulatedTimeout }
        guard case .deliver = answer, life.isAlive else { throw .cancelled() }
        if fault == .lostResponse {
            throw PartnerCenterError(kind: .transient, message: "simulated connection reset after the request was processed")
        }
        return try result.get()
    }

    /// The emulator's answer read as the client reads a response: a 2xx body parsed into `T`,
    /// anything else through the client's own error parsing (`PartnerCenterError.fromResponse`).
    static func read<T>(_ answer: EmulatedAnswer, requestID: String? = nil,
                        _ decode: (JSONValue, Data) throws -> T) -> Result<T, PartnerCenterError> {
        guard (200..<300).contains(answer.status) else {
            let retryAfter = answer.headers.first { $0.0.caseInsensitiveCompare("Retry-After") == .orderedSame }?.1
            return .failure(PartnerCenterError.fromResponse(status: answer.status, body: answer.body, retryAfterHeader: retryAfter,
                                                            requestID: requestID, correlationID: nil))
        }
        do {
            return .success(try decode(try JSONParser.parse(answer.body), answer.body))
        } catch {
            return .failure(PartnerCenterError(kind: .invalidResponse, status: answer.status, message: "\(error)"))
        }
    }

    public func customerListing(pageSize: Int) -> any AsyncSequence<[Customer], PartnerCenterError> {
        SimulatedCustomerPages(service: self, pageSize: max(1, pageSize))
    }

    public func customer(_ id: CustomerID) async throws(PartnerCenterError) -> Customer {
        let state = state
        return try await exchange("GET customer \(id.rawValue.prefix(8))") {
            Self.read(await EmulatedAnswer.customer(id, in: state)) { json, _ in try Customer(json: json) }
        }
    }

    public func billingProfile(_ id: CustomerID) async throws(PartnerCenterError) -> BillingProfile {
        let state = state
        return try await exchange("GET profile \(id.rawValue.prefix(8))") {
            Self.read(await EmulatedAnswer.billingProfile(id, in: state)) { json, raw in try BillingProfile(parsed: json, rawData: raw) }
        }
    }

    public func updateBillingProfile(_ id: CustomerID, profile: BillingProfile, ifMatch etag: String,
                                     requestID: UUID) async throws(PartnerCenterError) -> BillingProfile {
        let state = state
        let events = events
        let process = life.id
        let mismatch = switches.etagMismatch
        let body = profile.withETag(etag).resource
        return try await exchange("PUT profile \(id.rawValue.prefix(8))") {
            let before = await state.profile(id)
            let replaysBefore = await state.replayedWriteCount()
            let request = ProfileWriteRequest(customerID: id, body: body, ifMatch: "\"\(etag)\"",
                                              requestID: requestID.uuidString, correlationID: nil)
            let answer = await EmulatedAnswer.updateBillingProfile(request, in: state, etagMismatch: mismatch)
            let replayed = await state.replayedWriteCount() > replaysBefore
            let result = Self.read(answer, requestID: requestID.uuidString) { json, raw in try BillingProfile(parsed: json, rawData: raw) }
            var after: JSONValue?
            if case .success(let updated) = result, !replayed { after = updated.resource }
            events.record(SimulationEvents.Put(process: process, customer: id, requestID: requestID.uuidString,
                                               ifMatch: etag, body: body.canonicalText(), before: before, after: after,
                                               replayed: replayed))
            return result
        }
    }

    public func auditListing(from: Date, to: Date) -> any AsyncSequence<[AuditRecord], PartnerCenterError> {
        SimulatedAuditPages(service: self, from: from, to: to)
    }
}

/// Tenant-wide fault switches of a simulated world.
public final class SimulationSwitches: Sendable {
    private let outage = Mutex(false)
    private let mismatch = Mutex(ETagMismatchMode.preconditionFailed)

    public init() {}

    /// How a PUT with a stale ETag is answered: 412, or 400 with code 2055 (both documented).
    public var etagMismatch: ETagMismatchMode {
        get { mismatch.withLock { $0 } }
        set { mismatch.withLock { $0 = newValue } }
    }

    /// Every call fails as if the refresh token were expired.
    public var credentialsOutage: Bool {
        get { outage.withLock { $0 } }
        set { outage.withLock { $0 = newValue } }
    }
}

/// The customer list, one page per exchange (offset paging over the live list).
struct SimulatedCustomerPages: AsyncSequence, Sendable {
    typealias Element = [Customer]
    typealias Failure = PartnerCenterError
    let service: SimulatedPartnerCenter
    let pageSize: Int

    func makeAsyncIterator() -> Iterator { Iterator(service: service, pageSize: pageSize) }

    struct Iterator: AsyncIteratorProtocol {
        let service: SimulatedPartnerCenter
        let pageSize: Int
        var offset = 0
        var finished = false

        mutating func next() async throws(PartnerCenterError) -> [Customer]? {
            guard !finished else { return nil }
            let state = service.state
            let start = offset
            let size = pageSize
            let page: (customers: [Customer], more: Bool) = try await service.exchange("GET customers @\(start)") {
                let ids = await state.customerIDs()
                var customers: [Customer] = []
                for id in ids.dropFirst(start).prefix(size) {
                    if let json = await state.customer(id), let customer = try? Customer(json: json) {
                        customers.append(customer)
                    }
                }
                return .success((customers, ids.count > start + size))
            }
            offset += pageSize
            finished = !page.more
            return page.customers
        }
    }
}

/// The audit feed in one page per exchange.
struct SimulatedAuditPages: AsyncSequence, Sendable {
    typealias Element = [AuditRecord]
    typealias Failure = PartnerCenterError
    let service: SimulatedPartnerCenter
    let from: Date
    let to: Date

    func makeAsyncIterator() -> Iterator { Iterator(service: service, from: from, to: to) }

    struct Iterator: AsyncIteratorProtocol {
        let service: SimulatedPartnerCenter
        let from: Date
        let to: Date
        var done = false

        mutating func next() async throws(PartnerCenterError) -> [AuditRecord]? {
            guard !done else { return nil }
            done = true
            let state = service.state
            let (from, to) = (from, to)
            return try await service.exchange("GET auditrecords") {
                if let refusal = await EmulatedAnswer.auditStartRefusal(from, in: state) {
                    return SimulatedPartnerCenter.read(refusal) { _, _ in [AuditRecord]() }
                }
                let records = await state.auditRecords(from: from, to: to)
                do {
                    return .success(try records.map { record throws(ModelDecodingError) in try AuditRecord(json: record) })
                } catch {
                    return .failure(PartnerCenterError(kind: .invalidResponse, message: "\(error)"))
                }
            }
        }
    }
}
