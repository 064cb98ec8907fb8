import BillingSyncStore
import Foundation
import PartnerCenterClient
import PartnerCenterModels

/// How pushing one group of edits ended.
enum PushOutcome: Sendable, Equatable {
    case pushed, conflict, rejected, failed
    /// The coalesced change met a conflict; the edits must be pushed one by one.
    case needsSplit

    func summary(count: Int) -> OutboxPusher.Summary {
        var summary = OutboxPusher.Summary()
        switch self {
        case .pushed: summary.pushed = count
        case .conflict: summary.conflicts = count
        case .rejected: summary.rejected = count
        case .failed: summary.failed = count
        case .needsSplit: break
        }
        return summary
    }
}

extension OutboxPusher {
    /// The attempt loop for one group of edits of one customer (a single edit, or several
    /// coalesced into one PUT).
    func push(_ group: [ValidEdit], customer: CustomerID, splitOnConflict: Bool) async throws -> PushOutcome {
        let ids = group.map(\.edit.id)
        let patch = group.dropFirst().reduce(group[0].patch) { $0.coalesced(with: $1.patch) }
        let base = group[0].base
        let backoff = Backoff(initial: configuration.pushBackoffInitial, maximum: configuration.pushBackoffMax)
        var attempts = group.map(\.edit.attempts).max() ?? 0
        // The same logical PUT keeps its MS-RequestId across timeouts and restarts.
        var requestID = group.compactMap { $0.edit.requestID.flatMap(UUID.init(uuidString:)) }.first ?? UUID()
        var lastError = "no attempt made"
        while attempts < configuration.maxPushAttempts {
            if attempts > 0, lastError != "no attempt made" {
                try await Task.sleep(for: backoff.delay(attempt: attempts - 1))
            }
            attempts += 1
            try await mark(ids, status: .pushing, attempts: attempts, requestID: requestID, error: nil)
            let remote: BillingProfile
            do {
                remote = try await client.billingProfile(customer)
            } catch {
                if error.kind == .notFound {
                    try await finish(ids, status: .rejected, error: "customer \(customer) has no billing profile at Partner Center (404)", attempts: attempts)
                    return .rejected
                }
                try await stopIfFatal(error, ids: ids, attempts: attempts)
                lastError = "re-reading the profile failed: \(error)"
                continue
            }
            guard let etag = remote.etag else {
                lastError = "the remote profile carries no attributes.etag"
                continue
            }
            let merge = ThreeWayMerge.merge(base: base, patch: patch, remote: remote.resource)
            if !merge.conflicts.isEmpty {
                if splitOnConflict {
                    try await mark(ids, status: .pending, attempts: attempts - 1, requestID: requestID, error: nil)
                    return .needsSplit
                }
                try await recordConflict(group[0], patch: patch, remote: remote, conflicts: merge.conflicts, attempts: attempts)
                return .conflict
            }
            if merge.alreadyApplied {
                try await commitPushed(ids, customer: customer, profile: remote, patch: patch, attempts: attempts, requestID: requestID)
                return .pushed
            }
            let updated: BillingProfile
            do {
                let sent = BillingProfile(resource: merge.merged).withETag(etag)
                updated = try await client.updateBillingProfile(customer, profile: sent, ifMatch: etag, requestID: requestID)
            } catch {
                switch error.kind {
                case .etagConflict:
                    lastError = "ETag conflict (the profile changed meanwhile): \(error.message)"
                    requestID = UUID()  // the next PUT is a new logical call against a new ETag
                    logger.info("push met an ETag conflict; re-reading and merging again",
                                metadata: ["customer": "\(customer)", "attempt": "\(attempts)"])
                case .badRequest:
                    try await finish(ids, status: .rejected, error: "Partner Center refused the edit: \(error.message)", attempts: attempts)
                    observer.record(.editRejected)
                    return .rejected
                default:
                    try await stopIfFatal(error, ids: ids, attempts: attempts)
                    lastError = "\(error)"
                }
                continue
            }
            try await commitPushed(ids, customer: customer, profile: updated, patch: patch, attempts: attempts, requestID: requestID)
            return .pushed
        }
        try await finish(ids, status: .failed, error: "gave up after \(attempts) attempts: \(lastError)", attempts: attempts)
        observer.record(.editFailed)
        logger.error("edit failed", metadata: ["customer": "\(customer)", "edits": "\(ids)", "reason": "\(lastError)"])
        return .failed
    }

    /// Credential, permission and cancellation failures stop the whole pass: the edits go back
    /// to `pending` (not counted as an attempt) and the error reaches the daemon's health state.
    func stopIfFatal(_ error: PartnerCenterError, ids: [Int64], attempts: Int) async throws {
        switch error.kind {
        case .credential, .unauthorized, .forbidden, .cancelled:
            try await mark(ids, status: .pending, attempts: attempts - 1, requestID: nil, error: "\(error)")
            throw error
        default:
            return
        }
    }
}
