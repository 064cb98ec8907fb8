import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// The pusher's decisions for one customer's group of valid edits, without I/O: given what a
/// read or a PUT answered, which edits settle and how, which are given back, and what the push
/// does next. `OutboxPusher.push` is a short loop that performs the reads, the address checks
/// and the PUTs and applies what this type decides; its table tests are `PushRoundTests`.
///
/// Every round starts from a read of the remote — also when recovering an edit a crash left
/// `pushing`, and when the attempt budget is spent — so a PUT that landed is recognised
/// (`pushed`, never sent again) before anything else is decided. An edit is `failed` only when
/// the remote was read and shows it not applied; while the remote cannot be read after a PUT of
/// unknown outcome, the edits stay `pushing`.
struct PushRound {
    /// What the push does after a decision's effects are written.
    enum Next {
        /// Read the remote again, after the backoff pause when `pause` is set.
        case read(pause: Bool)
        /// Run the address checks on `verdict.merged`, then PUT it with `If-Match: etag`.
        case checkAndPut(GroupMerge.Verdict, remote: BillingProfile, etag: String)
        /// The customer's push is over.
        case done
        /// This customer's calls fail (e.g. 403): the edits were given back; retried on a later pass.
        case deferred(PartnerCenterError)
        /// Stop the pass with this error (credentials, cancellation); the edits were given back.
        case stop(PartnerCenterError)
    }

    /// Effects to write in order, then what to do next.
    struct Decision {
        var effects: [PushEffect] = []
        var next: Next
    }

    let customer: CustomerID
    let maxAttempts: Int
    /// The edits still to push, in queue order.
    private(set) var open: [ClaimedEdit]
    /// Attempts per edit: an edit queued meanwhile joins with its own budget.
    private(set) var tries: [Int64: Int]
    /// A crash, or a PUT whose answer never came, leaves edits `pushing`: it may have landed.
    private(set) var inDoubt: Bool
    /// Edits a PUT was sent for (a request id is kept until the edit settles or is reviewed):
    /// only their values can have landed. An edit that joined later (queued, or released from
    /// review) may want a value someone else set meanwhile; that is not our push.
    private(set) var sentEdits: Set<Int64>
    /// Why the last attempt did not settle the edits (kept on the rows).
    private(set) var lastError: String?
    /// Set at each read: some edit's attempts are spent, so this read settles what it shows.
    private var exhausted = false

    init(group: [ClaimedEdit], customer: CustomerID, maxAttempts: Int) {
        self.customer = customer
        self.maxAttempts = maxAttempts
        open = group
        tries = Dictionary(group.map { ($0.edit.id, $0.edit.attempts) }, uniquingKeysWith: max)
        inDoubt = group.contains { $0.edit.status == .pushing }
        sentEdits = Set(group.filter { $0.edit.requestID != nil }.map(\.edit.id))
        lastError = group.compactMap(\.edit.lastError).last
    }

    private func isSpent(_ item: ClaimedEdit) -> Bool { tries[item.edit.id, default: 0] >= maxAttempts }

    private mutating func spend() {
        for item in open { tries[item.edit.id, default: 0] += 1 }
    }

    /// A read is about to start: notes whether the budget of some edit is spent.
    mutating func beginRead() {
        exhausted = open.contains(where: isSpent)
    }

    /// Gives every open edit back and defers the customer.
    func deferral(_ error: PartnerCenterError) -> Decision {
        Decision(effects: [.giveBack(open, inDoubt: inDoubt, reason: "\(error)")], next: .deferred(error))
    }

    /// A failed attempt that settles nothing: try again after the pause, or defer once the
    /// budget is spent (only a successful read settles a spent budget).
    private mutating func retry(after error: PartnerCenterError, reason: String) -> Decision {
        lastError = reason
        if exhausted { return deferral(error) }
        spend()
        return Decision(next: .read(pause: true))
    }

    /// The read of the remote answered `read`.
    mutating func afterRead(_ read: Result<BillingProfile, PartnerCenterError>) -> Decision {
        let remote: BillingProfile
        switch read {
        case .success(let profile):
            remote = profile
        case .failure(let error):
            switch error.kind {
            case .notFound:
                let landed = inDoubt ? "; an earlier PUT of these edits may have landed before it went" : ""
                let reason = "customer \(customer) has no billing profile at Partner Center (404)\(landed)"
                defer { open = [] }
                return Decision(effects: [.settle(.ended(open, status: .rejected, reason: reason, observed: .notFound(customer)))],
                                next: .done)
            case .credential, .unauthorized, .cancelled:
                return Decision(effects: [.giveBack(open, inDoubt: inDoubt, reason: "\(error)")], next: .stop(error))
            case .forbidden:
                return deferral(error)
            default:
                return retry(after: error, reason: "re-reading the profile failed: \(error)")
            }
        }
        guard let etag = remote.etag else {
            let reason = "the remote profile carries no attributes.etag"
            return retry(after: PartnerCenterError(kind: .invalidResponse, message: reason), reason: reason)
        }
        var effects: [PushEffect] = []
        // The remote is known: whatever an earlier PUT of ours did is visible in it now. It goes
        // to the mirror at once, as our push, so that knowledge outlives this pass.
        if inDoubt {
            let candidates = open.filter { sentEdits.contains($0.edit.id) }
            let revealed = GroupMerge.fieldsAlreadyWanted(candidates, remote: remote.resource)
            if !revealed.isEmpty {
                // Attributed to the newest edit whose value landed: a later edit, claimed in a
                // later pass, then counts that value as ours (`ClaimedEdit.base(against:)`).
                let landed = candidates.filter { !GroupMerge.fieldsAlreadyWanted([$0], remote: remote.resource).isEmpty }
                effects.append(.reveal(remote, ownFields: revealed, landed: landed))
            }
            open = GroupMerge.rebasedOnOwnLandedValues(open, remote: remote.resource, sent: sentEdits)
        }
        inDoubt = false
        let verdict = GroupMerge.judge(open, remote: remote.resource)
        for (item, fields) in verdict.conflicts {
            effects.append(.settle(.conflict(item, remote: remote, fields: fields)))
        }
        open = verdict.applicable
        guard !open.isEmpty else { return Decision(effects: effects, next: .done) }
        if verdict.alreadyApplied {
            effects.append(.settle(.pushed(open, profile: remote, ownFields: [])))
            open = []
            return Decision(effects: effects, next: .done)
        }
        guard exhausted else { return Decision(effects: effects, next: .checkAndPut(verdict, remote: remote, etag: etag)) }
        // The budget is spent: settle what this read shows. An edit already applied is pushed,
        // an edit whose budget is spent has failed, and the others go on.
        let done = open.filter { GroupMerge.isApplied($0, remote: remote.resource) }
        if !done.isEmpty { effects.append(.settle(.pushed(done, profile: remote, ownFields: []))) }
        let doneIDs = Set(done.map(\.edit.id))
        let spent = open.filter { !doneIDs.contains($0.edit.id) && isSpent($0) }
        if !spent.isEmpty {
            let reason = "gave up after \(maxAttempts) attempts: \(lastError ?? "no reason recorded")"
            effects.append(.settle(.ended(spent, status: .failed, reason: reason, observed: .found(customer, remote))))
        }
        let settled = doneIDs.union(spent.map(\.edit.id))
        open.removeAll { settled.contains($0.edit.id) }
        return Decision(effects: effects, next: open.isEmpty ? .done : .read(pause: false))
    }

    /// The address checks held `held` back with `status` and `reason`; the others go on (a new
    /// read, without pause).
    mutating func afterHold(_ held: [ClaimedEdit], status: EditStatus, reason: String) -> Decision {
        let ids = Set(held.map(\.edit.id))
        open.removeAll { ids.contains($0.edit.id) }
        return Decision(effects: [.settle(.ended(held, status: status, reason: reason, observed: nil))],
                        next: open.isEmpty ? .done : .read(pause: false))
    }

    /// The PUT of `merged` with `If-Match: etag` is about to be sent: spends an attempt of
    /// every open edit and returns the body, its fingerprint and the MS-RequestId to reuse, if
    /// any. One MS-RequestId belongs to exactly one (If-Match, body): it is reused only to
    /// resend that same PUT (after a timeout or a restart); any other PUT gets a new one.
    mutating func send(_ merged: JSONValue, etag: String) -> (body: BillingProfile, fingerprint: String, reuse: UUID?) {
        let body = BillingProfile(resource: merged).withETag(etag)
        let fingerprint = Self.fingerprint(ifMatch: etag, body: body.resource)
        let reuse = open.first { $0.edit.requestFingerprint == fingerprint }?.edit.requestID.flatMap(UUID.init(uuidString:))
        spend()
        sentEdits.formUnion(open.map(\.edit.id))
        return (body, fingerprint, reuse)
    }

    /// The PUT (of `verdict.merged`, judged on `remote`) answered `put`.
    mutating func afterPut(_ put: Result<BillingProfile, PartnerCenterError>, verdict: GroupMerge.Verdict,
                           remote: BillingProfile) -> Decision {
        let error: PartnerCenterError
        switch put {
        case .success(let updated):
            defer { open = [] }
            return Decision(effects: [.settle(.pushed(open, profile: updated, ownFields: verdict.changedFields))], next: .done)
        case .failure(let failure):
            error = failure
        }
        switch error.kind {
        case .etagConflict:
            lastError = "ETag conflict (the profile changed meanwhile): \(error.message)"
            return Decision(next: .read(pause: true))
        case .badRequest, .notFound, .invalidInput:
            // What the mirror learns: a 404 says the customer is gone; a refusal leaves the read.
            let observed: FetchedProfile = error.kind == .notFound ? .notFound(customer) : .found(customer, remote)
            defer { open = [] }
            return Decision(effects: [.settle(.ended(open, status: .rejected, reason: "Partner Center refused the edit: \(error.message)",
                                                     observed: observed))], next: .done)
        case .forbidden:
            return deferral(error)
        case .rateLimited:
            // Not processed (429): the PUT did not land.
            lastError = "\(error)"
            return Decision(next: .read(pause: true))
        case .credential, .unauthorized, .cancelled:
            // The request may have been sent: its outcome is unknown until the next read.
            inDoubt = true
            return Decision(effects: [.giveBack(open, inDoubt: true, reason: "\(error)")], next: .stop(error))
        default:
            inDoubt = true
            lastError = "\(error)"
            return Decision(next: .read(pause: true))
        }
    }

    /// SHA-256 of the If-Match value and the body's canonical JSON.
    static func fingerprint(ifMatch etag: String, body: JSONValue) -> String {
        ContentHash.sha256Hex(Array("\(etag)\n\(body.canonicalText())".utf8))
    }
}
