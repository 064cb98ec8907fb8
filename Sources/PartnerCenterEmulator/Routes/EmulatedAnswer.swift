import Foundation
import PartnerCenterModels

/// An answer of the emulator as HTTP without a server: the status, the route's own headers and the
/// body bytes it sends. The simulation answers its requests through these, so the emulator's routes
/// and the simulation share one mapping from a state result to a response (error codes and texts
/// included) and the client's own parsing reads both.
public struct EmulatedAnswer: Sendable {
    /// HTTP status code.
    public let status: Int
    /// Headers the route adds (e.g. `Retry-After`); the server's common ones are not included.
    public let headers: [(String, String)]
    /// The body as sent (canonical JSON), empty when there is none.
    public let body: Data

    init(_ reply: EmulatorReply) {
        status = reply.status.code
        headers = reply.headers
        body = reply.body.map { $0.canonicalData() } ?? Data()
    }

    /// `GET /v1/customers/{id}`.
    public static func customer(_ id: CustomerID, in state: EmulatorState) async -> EmulatedAnswer {
        EmulatedAnswer(await CustomerRoutes.customer(id, state: state))
    }

    /// `GET /v1/customers/{id}/profiles/billing`.
    public static func billingProfile(_ id: CustomerID, in state: EmulatorState) async -> EmulatedAnswer {
        EmulatedAnswer(await BillingProfileRoutes.profile(id, state: state))
    }

    /// `PUT /v1/customers/{id}/profiles/billing`; a stale ETag answered as `etagMismatch` says.
    public static func updateBillingProfile(_ write: ProfileWriteRequest, in state: EmulatorState,
                                            etagMismatch: ETagMismatchMode) async -> EmulatedAnswer {
        EmulatedAnswer(await BillingProfileRoutes.update(write, state: state, etagMismatch: etagMismatch))
    }

    /// The 400 of `GET /v1/auditrecords` for a `startDate` older than the records kept, or nil
    /// when the service would answer.
    public static func auditStartRefusal(_ start: Date, in state: EmulatorState) async -> EmulatedAnswer? {
        await AuditRoutes.startRefusal(start, state: state).map(EmulatedAnswer.init)
    }
}
