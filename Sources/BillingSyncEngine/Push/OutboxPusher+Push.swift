import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

extension OutboxPusher {
    /// The attempt loop for one customer's valid edits, coalesced into one PUT: read, let
    /// `PushRound` decide, write its effects (`apply`), and read again, check and PUT, pause,
    /// defer or stop as it says. Every decision, and why, is in `PushRound`; what reaches the
    /// mirror when edits settle is in `PushSettlement`.
    func push(_ group: [ClaimedEdit], customer: CustomerID) async throws -> Summary {
        var summary = Summary()
        var round = PushRound(group: group, customer: customer, maxAttempts: configuration.maxPushAttempts)
        let backoff = Backoff(initial: configuration.pushBackoffInitial, maximum: configuration.pushBackoffMax)
        var pauses = 0
        while !round.open.isEmpty {
            round.beginRead()
            try await setStatus(round.open, status: .pushing, tries: round.tries, error: round.lastError)
            var decision = round.afterRead(await read(customer))
            if case .checkAndPut(let verdict, let remote, let etag) = decision.next {
                try await apply(decision.effects, customer: customer, tries: round.tries, summary: &summary)
                decision = try await checkAndPut(verdict, remote: remote, etag: etag, round: &round)
            }
            try await apply(decision.effects, customer: customer, tries: round.tries, summary: &summary)
            switch decision.next {
            case .read(let pause):
                if pause {
                    try await environment.sleep(for: backoff.delay(attempt: pauses, random: environment.random))
                    pauses += 1
                }
            case .checkAndPut, .done:
                return summary
            case .deferred(let error):
                summary.deferred += round.open.count
                summary.failures = CustomerFailures([customer: error])
                logger.warning("push deferred: this customer's calls fail", metadata: ["customer": "\(customer)", "error": "\(error)"])
                return summary
            case .stop(let error):
                throw error
            }
        }
        return summary
    }

    /// The address checks on the merged body, then (when they let it through) the PUT.
    private func checkAndPut(_ verdict: GroupMerge.Verdict, remote: BillingProfile, etag: String,
                             round: inout PushRound) async throws -> PushRound.Decision {
        switch try await AddressGate(context: context).check(round.open, customer: round.customer, merged: verdict.merged,
                                                             changed: verdict.changedFields) {
        case .proceed:
            break
        case .hold(let held, let status, let reason):
            return round.afterHold(held, status: status, reason: reason)
        case .retryLater(let error):
            return round.deferral(error)
        }
        let (body, fingerprint, reuse) = round.send(verdict.merged, etag: etag)
        let requestID = reuse ?? UUID()
        try await setStatus(round.open, status: .pushing, tries: round.tries, error: round.lastError, request: (requestID, fingerprint))
        let customer = round.customer
        let put: Result<BillingProfile, PartnerCenterError>
        do {
            put = .success(try await client.updateBillingProfile(customer, profile: body, ifMatch: etag, requestID: requestID))
        } catch {
            put = .failure(error)
        }
        if case .failure(let error) = put, error.kind == .etagConflict {
            logger.info("push met an ETag conflict; re-reading and judging again",
                        metadata: ["customer": "\(customer)", "attempt": "\(round.tries.values.max() ?? 0)"])
        }
        return round.afterPut(put, verdict: verdict, remote: remote)
    }

    /// The remote profile, or why it could not be read.
    private func read(_ customer: CustomerID) async -> Result<BillingProfile, PartnerCenterError> {
        do {
            return .success(try await client.billingProfile(customer))
        } catch {
            return .failure(error)
        }
    }
}
