import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

extension OutboxPusher {
    /// The attempt loop for one customer's valid edits, coalesced into one PUT.
    ///
    /// Every round starts by reading the remote — also when recovering an edit a crash left
    /// `pushing`, and when the attempt budget is spent — so a PUT that landed is recognised
    /// (`pushed`, never sent again) before anything else is decided. An edit is `failed` only
    /// when the remote was read and shows it not applied; while the remote cannot be read after a
    /// PUT of unknown outcome, the edits stay `pushing`, and the mirror of the customer is left to
    /// the push (fetches skip it), so our change is never mistaken for someone else's. Every way
    /// out that settles edits writes the last read (or the PUT's answer) to the mirror in the
    /// same transaction, which moves the row past the fetches that began while they were open.
    func push(_ group: [ValidEdit], customer: CustomerID) async throws -> Summary {
        var summary = Summary()
        var open = group
        // Attempts per edit: an edit queued meanwhile joins the group with its own budget.
        var tries = Dictionary(group.map { ($0.edit.id, $0.edit.attempts) }, uniquingKeysWith: max)
        // A crash, or a PUT whose answer never came, leaves edits `pushing`: it may have landed.
        var inDoubt = group.contains { $0.edit.status == .pushing }
        // Edits a PUT was sent for (a request id is kept until the edit settles or is reviewed):
        // only their values can have landed. An edit that joined later (queued, or released from
        // review) may want a value someone else set meanwhile; that is not our push.
        var sentEdits = Set(group.filter { $0.edit.requestID != nil }.map(\.edit.id))
        var lastError = group.compactMap(\.edit.lastError).last
        var round = 0
        let maxAttempts = configuration.maxPushAttempts
        let backoff = Backoff(initial: configuration.pushBackoffInitial, maximum: configuration.pushBackoffMax)
        func spend() {
            for item in open { tries[item.edit.id, default: 0] += 1 }
        }
        func isSpent(_ item: ValidEdit) -> Bool { tries[item.edit.id, default: 0] >= maxAttempts }
        func pause() async throws {
            try await environment.sleep(for: backoff.delay(attempt: round, random: environment.random))
            round += 1
        }
        func deferPush(_ error: PartnerCenterError) async throws -> Summary {
            try await park(open, inDoubt: inDoubt, tries: tries, error: "\(error)")
            summary.deferred += open.count
            summary.failures = CustomerFailures([customer: error])
            logger.warning("push deferred: this customer's calls fail", metadata: ["customer": "\(customer)", "error": "\(error)"])
            return summary
        }
        while !open.isEmpty {
            let exhausted = open.contains(where: isSpent)
            try await mark(open, status: .pushing, tries: tries, error: lastError)
            let remote: BillingProfile
            do {
                remote = try await client.billingProfile(customer)
            } catch {
                switch error.kind {
                case .notFound:
                    let landed = inDoubt ? "; an earlier PUT of these edits may have landed before it went" : ""
                    try await finish(open, status: .rejected, tries: tries,
                                     error: "customer \(customer) has no billing profile at Partner Center (404)\(landed)",
                                     observed: .notFound(customer))
                    summary.rejected += open.count
                    return summary
                case .credential, .unauthorized, .cancelled:
                    try await park(open, inDoubt: inDoubt, tries: tries, error: "\(error)")
                    throw error
                case .forbidden:
                    return try await deferPush(error)
                default:
                    lastError = "re-reading the profile failed: \(error)"
                    // A spent budget is settled only by a successful read.
                    if exhausted { return try await deferPush(error) }
                    spend()
                    try await pause()
                    continue
                }
            }
            guard let etag = remote.etag else {
                lastError = "the remote profile carries no attributes.etag"
                let error = PartnerCenterError(kind: .invalidResponse, message: lastError ?? "")
                if exhausted { return try await deferPush(error) }
                spend()
                try await pause()
                continue
            }
            // The remote is known: whatever an earlier PUT of ours did is visible in it now. Record it
            // in the mirror at once, as our push, so that knowledge outlives this pass.
            if inDoubt {
                let candidates = open.filter { sentEdits.contains($0.edit.id) }
                let revealed = GroupMerge.fieldsAlreadyWanted(candidates, remote: remote.resource)
                if !revealed.isEmpty {
                    // Attributed to the newest edit whose value landed: a later edit, claimed in a
                    // later pass, then counts that value as ours (`ValidEdit.base(against:)`).
                    let landed = candidates.filter { !GroupMerge.fieldsAlreadyWanted([$0], remote: remote.resource).isEmpty }
                    try await recordRevealed(remote, customer: customer, ownFields: revealed, landed: landed)
                }
                open = GroupMerge.rebasedOnOwnLandedValues(open, remote: remote.resource, sent: sentEdits)
            }
            inDoubt = false
            let verdict = GroupMerge.judge(open, remote: remote.resource)
            for (item, conflicts) in verdict.conflicts {
                try await recordConflict(item, remote: remote, conflicts: conflicts, attempts: tries[item.edit.id] ?? 0)
                summary.conflicts += 1
            }
            open = verdict.applicable
            guard !open.isEmpty else { return summary }
            if verdict.alreadyApplied {
                try await commitPushed(open, customer: customer, profile: remote, ownFields: [], tries: tries)
                summary.pushed += open.count
                return summary
            }
            if exhausted {
                // Settle what this read shows: an edit already applied is pushed, an edit whose
                // budget is spent has failed, and the others go on.
                let done = open.filter { GroupMerge.isApplied($0, remote: remote.resource) }
                if !done.isEmpty {
                    try await commitPushed(done, customer: customer, profile: remote, ownFields: [], tries: tries)
                    summary.pushed += done.count
                }
                let doneIDs = Set(done.map(\.edit.id))
                let spent = open.filter { !doneIDs.contains($0.edit.id) && isSpent($0) }
                if !spent.isEmpty {
                    try await finish(spent, status: .failed, tries: tries,
                                     error: "gave up after \(maxAttempts) attempts: \(lastError ?? "no reason recorded")",
                                     observed: .found(customer, remote))
                    for _ in spent { observer.record(.editFailed) }
                    logger.error("edit failed", metadata: ["customer": "\(customer)", "edits": "\(spent.map(\.edit.id))",
                                                           "reason": "\(lastError ?? "")"])
                    summary.failed += spent.count
                }
                let settled = doneIDs.union(spent.map(\.edit.id))
                open.removeAll { settled.contains($0.edit.id) }
                continue
            }
            switch try await AddressGate(context: context).check(open, customer: customer, merged: verdict.merged,
                                                                 changed: verdict.changedFields) {
            case .proceed:
                break
            case .hold(let held, let status, let reason):
                try await hold(held, status: status, reason: reason, customer: customer, tries: tries, summary: &summary)
                open.removeAll { item in held.contains { $0.edit.id == item.edit.id } }
                continue
            case .retryLater(let error):
                return try await deferPush(error)
            }
            let sent = BillingProfile(resource: verdict.merged).withETag(etag)
            let fingerprint = Self.fingerprint(ifMatch: etag, body: sent.resource)
            // One MS-RequestId belongs to exactly one (If-Match, body): it is reused only to resend
            // that same PUT (after a timeout or a restart); any other PUT gets a new one.
            let requestID = open.first { $0.edit.requestFingerprint == fingerprint }?.edit.requestID
                .flatMap(UUID.init(uuidString:)) ?? UUID()
            spend()
            try await mark(open, status: .pushing, tries: tries, error: lastError, request: (requestID, fingerprint))
            sentEdits.formUnion(open.map(\.edit.id))
            let updated: BillingProfile
            do {
                updated = try await client.updateBillingProfile(customer, profile: sent, ifMatch: etag, requestID: requestID)
            } catch {
                switch error.kind {
                case .etagConflict:
                    lastError = "ETag conflict (the profile changed meanwhile): \(error.message)"
                    logger.info("push met an ETag conflict; re-reading and judging again",
                                metadata: ["customer": "\(customer)", "attempt": "\(tries.values.max() ?? 0)"])
                    try await pause()
                    continue
                case .badRequest, .notFound, .invalidInput:
                    // What the mirror learns: a 404 says the customer is gone; a refusal leaves the read.
                    try await finish(open, status: .rejected, tries: tries, error: "Partner Center refused the edit: \(error.message)",
                                     observed: error.kind == .notFound ? .notFound(customer) : .found(customer, remote))
                    for _ in open { observer.record(.editRejected) }
                    summary.rejected += open.count
                    return summary
                case .forbidden:
                    return try await deferPush(error)
                case .rateLimited:
                    // Not processed (429): the PUT did not land.
                    lastError = "\(error)"
                    try await pause()
                    continue
                case .credential, .unauthorized, .cancelled:
                    // The request may have been sent: its outcome is unknown until the next read.
                    inDoubt = true
                    try await park(open, inDoubt: true, tries: tries, error: "\(error)")
                    throw error
                default:
                    inDoubt = true
                    lastError = "\(error)"
                    try await pause()
                    continue
                }
            }
            try await commitPushed(open, customer: customer, profile: updated, ownFields: verdict.changedFields, tries: tries)
            summary.pushed += open.count
            return summary
        }
        return summary
    }

    /// SHA-256 of the If-Match value and the body's canonical JSON.
    static func fingerprint(ifMatch etag: String, body: JSONValue) -> String {
        ContentHash.sha256Hex(Array("\(etag)\n\(body.canonicalText())".utf8))
    }
}
