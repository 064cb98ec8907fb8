import Foundation
import PartnerCenterClient
import PartnerCenterModels
import Testing
@testable import BillingSyncEngine
@testable import BillingSyncStore

/// `PushRound` without I/O: one row per way a push can go after a read and after a PUT. Each
/// row names the group (how many edits, whether a PUT of theirs is in doubt, whether their
/// attempts are spent), what the read answers and, when the round gets that far, what the PUT
/// answers; then the effects written, in order, and what the push does next.
@Suite("PushRound: the pusher's decisions, one row per way out")
struct PushRoundTests {
    static let customer = CustomerID("eebd1b55-5360-4438-a11d-5c06918c3014")!
    static let city = "defaultAddress.city"

    /// What the remote holds when it is read.
    enum Remote: Sendable, CustomStringConvertible {
        case base, ours, otherCity, withoutETag
        case fails(PartnerCenterError.Kind)

        var description: String {
            switch self {
            case .base: "unchanged"
            case .ours: "shows the edit"
            case .otherCity: "city changed by another admin"
            case .withoutETag: "no etag"
            case .fails(let kind): "read \(kind)"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var inDoubt = false
        var spent = false
        var read: Remote
        var put: PartnerCenterError.Kind?? = nil
        var effects: [String]
        var next: String

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "read 404: rejected, the mirror learns the customer is gone", read: .fails(.notFound),
            effects: ["ended rejected [1] observed notFound"], next: "done"),
        Row(name: "read 401: given back, the pass stops", read: .fails(.unauthorized), effects: ["give back [1] pending"], next: "stop"),
        Row(name: "read 401 after a PUT in doubt: given back as pushing", inDoubt: true, read: .fails(.credential),
            effects: ["give back [1] pushing"], next: "stop, in doubt"),
        Row(name: "read cancelled: given back, the pass stops", read: .fails(.cancelled), effects: ["give back [1] pending"], next: "stop"),
        Row(name: "read 403: this customer deferred", read: .fails(.forbidden), effects: ["give back [1] pending"], next: "deferred"),
        Row(name: "read fails: read again after a pause", read: .fails(.transient), effects: [], next: "read after pause"),
        Row(name: "read fails with the budget spent: deferred, never failed unread", spent: true, read: .fails(.transient),
            effects: ["give back [1] pending"], next: "deferred"),
        Row(name: "read without an etag: read again after a pause", read: .withoutETag, effects: [], next: "read after pause"),
        Row(name: "read without an etag, budget spent: deferred", spent: true, read: .withoutETag,
            effects: ["give back [1] pending"], next: "deferred"),
        Row(name: "the remote already shows the edit: pushed, nothing of ours in the read", read: .ours,
            effects: ["pushed [1] own []"], next: "done"),
        Row(name: "a PUT in doubt landed: revealed as ours, then pushed", inDoubt: true, read: .ours,
            effects: ["reveal own [defaultAddress.city] landed [1]", "pushed [1] own []"], next: "done"),
        Row(name: "another admin changed the field: conflict, nothing left to push", read: .otherCity,
            effects: ["conflict 1 [defaultAddress.city]"], next: "done"),
        Row(name: "budget spent, remote unchanged: failed with the read", spent: true, read: .base,
            effects: ["ended failed [1] observed found"], next: "done"),
        Row(name: "budget spent, the remote shows the edit: pushed", spent: true, read: .ours,
            effects: ["pushed [1] own []"], next: "done"),
        Row(name: "PUT answered: pushed, the changed field is ours", read: .base, put: .some(nil),
            effects: ["pushed [1] own [defaultAddress.city]"], next: "done"),
        Row(name: "PUT 412: read again after a pause", read: .base, put: .etagConflict, effects: [], next: "read after pause"),
        Row(name: "PUT 400: rejected, the mirror keeps the read", read: .base, put: .badRequest,
            effects: ["ended rejected [1] observed found"], next: "done"),
        Row(name: "PUT refused locally: rejected, the mirror keeps the read", read: .base, put: .invalidInput,
            effects: ["ended rejected [1] observed found"], next: "done"),
        Row(name: "PUT 404: rejected, the mirror learns the customer is gone", read: .base, put: .notFound,
            effects: ["ended rejected [1] observed notFound"], next: "done"),
        Row(name: "PUT 403: deferred", read: .base, put: .forbidden, effects: ["give back [1] pending"], next: "deferred"),
        Row(name: "PUT 429: not processed, read again after a pause", read: .base, put: .rateLimited,
            effects: [], next: "read after pause"),
        Row(name: "PUT 401: may have been sent, given back as pushing", read: .base, put: .unauthorized,
            effects: ["give back [1] pushing"], next: "stop, in doubt"),
        Row(name: "PUT timed out: in doubt, read again after a pause", read: .base, put: .transient,
            effects: [], next: "read after pause, in doubt"),
    ]

    @Test("each way out", arguments: rows)
    func wayOut(_ row: Row) throws {
        let base = try EditPatchTests.profile([Self.city: .string("Redmond")])
        let edit = Self.edit(1, status: row.inDoubt ? .pushing : .pending, attempts: row.spent ? 5 : 0,
                             requestID: row.inDoubt ? UUID().uuidString : nil)
        var round = PushRound(group: [ClaimedEdit(edit: edit, patch: EditPatch(changes: [Self.city: .string("Seattle")]), base: base)],
                              customer: Self.customer, maxAttempts: 5)
        let remote = try Self.remote(row.read, base: base)
        round.beginRead()
        var decision = round.afterRead(remote)
        var effects = decision.effects.map(Self.describe)
        if case .checkAndPut(let verdict, let read, let etag) = decision.next, let put = row.put {
            _ = round.send(verdict.merged, etag: etag)
            let answer: Result<BillingProfile, PartnerCenterError> = put.map { .failure(PartnerCenterError(kind: $0, message: "\($0)")) }
                ?? .success(BillingProfile(resource: verdict.merged).withETag("e2"))
            decision = round.afterPut(answer, verdict: verdict, remote: read)
            effects += decision.effects.map(Self.describe)
        }
        #expect(effects == row.effects)
        #expect(Self.describe(decision.next) + (round.inDoubt ? ", in doubt" : "") == row.next)
    }

    @Test("budget spent with two edits: the applied one is pushed, the spent one failed, a fresh one is read again")
    func spentBudgetSettlesWhatTheReadShows() throws {
        let base = try EditPatchTests.profile([Self.city: .string("Redmond"), "firstName": .string("Ann")])
        let applied = ClaimedEdit(edit: Self.edit(1, attempts: 5), patch: EditPatch(changes: ["firstName": .string("Ann")]), base: base)
        let spent = ClaimedEdit(edit: Self.edit(2, attempts: 5), patch: EditPatch(changes: [Self.city: .string("Seattle")]), base: base)
        let fresh = ClaimedEdit(edit: Self.edit(3, attempts: 0), patch: EditPatch(changes: ["lastName": .string("Lee")]), base: base)
        var round = PushRound(group: [applied, spent, fresh], customer: Self.customer, maxAttempts: 5)
        round.beginRead()
        let decision = round.afterRead(.success(BillingProfile(resource: base).withETag("e1")))
        #expect(decision.effects.map(Self.describe) == ["pushed [1] own []", "ended failed [2] observed found"])
        #expect(Self.describe(decision.next) == "read")
        #expect(round.open.map(\.edit.id) == [3])
    }

    @Test("held by the address checks: needs_review, the others read again without a pause")
    func heldEditsLeave() throws {
        let base = try EditPatchTests.profile()
        let one = ClaimedEdit(edit: Self.edit(1), patch: EditPatch(changes: [Self.city: .string("Seattle")]), base: base)
        let two = ClaimedEdit(edit: Self.edit(2), patch: EditPatch(changes: ["firstName": .string("Ann")]), base: base)
        var round = PushRound(group: [one, two], customer: Self.customer, maxAttempts: 5)
        let decision = round.afterHold([one], status: .needsReview, reason: "StreetPartial")
        #expect(decision.effects.map(Self.describe) == ["ended needs_review [1]"])
        #expect(Self.describe(decision.next) == "read" && round.open.map(\.edit.id) == [2])
        #expect(Self.describe(round.afterHold([two], status: .rejected, reason: "rules").next) == "done")
    }

    @Test("a resend of the same PUT reuses its MS-RequestId; any other body gets none to reuse")
    func requestIDReuse() throws {
        let base = try EditPatchTests.profile()
        let merged = EditPatch(changes: [Self.city: .string("Seattle")]).applied(to: base)
        let fingerprint = PushRound.fingerprint(ifMatch: "e1", body: BillingProfile(resource: merged).withETag("e1").resource)
        var edit = Self.edit(1, status: .pushing, requestID: "6f1c2a1e-0000-4000-8000-000000000001")
        edit.requestFingerprint = fingerprint
        var round = PushRound(group: [ClaimedEdit(edit: edit, patch: EditPatch(changes: [Self.city: .string("Seattle")]), base: base)],
                              customer: Self.customer, maxAttempts: 5)
        #expect(round.send(merged, etag: "e1").reuse?.uuidString.lowercased() == "6f1c2a1e-0000-4000-8000-000000000001")
        #expect(round.send(merged, etag: "e2").reuse == nil)
        #expect(round.tries[1] == 2)
    }

    static func edit(_ id: Int64, status: EditStatus = .pending, attempts: Int = 0, requestID: String? = nil) -> OutboxEdit {
        OutboxEdit(id: id, customerIDText: customer.rawValue, patchText: "{}", baseETag: "e0", baseSnapshot: "{}", status: status,
                   attempts: attempts, lastError: nil, requestID: requestID, queuedBy: "test", createdAt: "2026-12-05T00:00:00Z",
                   updatedAt: nil, pushedAt: nil, resultETag: nil)
    }

    static func remote(_ remote: Remote, base: JSONValue) throws -> Result<BillingProfile, PartnerCenterError> {
        var resource = base
        switch remote {
        case .base: break
        case .ours: resource.setValue(.string("Seattle"), atPath: city)
        case .otherCity: resource.setValue(.string("Bellevue"), atPath: city)
        case .withoutETag:
            resource.setValue(.null, atPath: "attributes.etag")
            return .success(BillingProfile(resource: resource))
        case .fails(let kind): return .failure(PartnerCenterError(kind: kind, message: "\(kind)"))
        }
        return .success(BillingProfile(resource: resource).withETag("e1"))
    }

    static func describe(_ effect: PushEffect) -> String {
        func ids(_ edits: [ClaimedEdit]) -> String { "\(edits.map(\.edit.id))" }
        func list(_ fields: some Sequence<String>) -> String { "[" + fields.sorted().joined(separator: ", ") + "]" }
        switch effect {
        case .settle(.pushed(let edits, _, let own)): return "pushed \(ids(edits)) own \(list(own))"
        case .settle(.conflict(let edit, _, let fields)): return "conflict \(edit.edit.id) \(list(fields.map(\.field)))"
        case .settle(.ended(let edits, let status, _, let observed)):
            let seen = switch observed {
            case .found?: " observed found"
            case .notFound?: " observed notFound"
            case .failed?: " observed failed"
            case nil: ""
            }
            return "ended \(status.rawValue) \(ids(edits))\(seen)"
        case .reveal(_, let own, let landed): return "reveal own \(list(own)) landed \(ids(landed))"
        case .giveBack(let edits, let inDoubt, _): return "give back \(ids(edits)) \(inDoubt ? "pushing" : "pending")"
        }
    }

    static func describe(_ next: PushRound.Next) -> String {
        switch next {
        case .read(let pause): pause ? "read after pause" : "read"
        case .checkAndPut: "checkAndPut"
        case .done: "done"
        case .deferred: "deferred"
        case .stop: "stop"
        }
    }
}
