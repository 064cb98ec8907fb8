import BillingSyncConfig
import Foundation
import PartnerCenterClient

extension ReconcileBudgetPlan {
    /// The plan in a few sentences (`check-config` prints them as comments, `status` as is),
    /// warnings last, each starting with `warning:`.
    public var lines: [String] {
        var lines = [
            "\(customers) customers mirrored; a full reconcile costs \(reconcileRequests) requests (\(listPages) list page\(listPages == 1 ? "" : "s") of up to \(pageSize) + \(customers) profile GETs)",
            "at \(requestsPerMinute) requests/min (requests_per_minute \(configuredRequestsPerMinute), service limit \(SyncSettings.serviceRequestsPerMinute)/min) it takes \(Self.hoursText(reconcileHours)) of the tenant's budget",
            "every \(Self.hoursText(intervalHours)) (full_resync_interval): \(Self.percent(reconcileShare)) of the budget; \(Self.percent(leftForFeedAndPushes)) left for the audit feed (\(Self.rateText(feedRequestsPerMinute)) request\(feedRequestsPerMinute == 1 ? "" : "s")/min) and pushes",
            "scheduled reconciles spread over \(Self.hoursText(scheduledReconcileHours)), taking \(Self.percent(shareWhileReconciling)) of the budget while they run (pushes and the feed go first; the reconcile keeps at least \(Self.percent(RequestPriority.minimumBackgroundShare)) while it waits)",
        ]
        lines += warnings.map { "warning: \($0)" }
        return lines
    }

    /// `12.5 %`, `0.03 %`.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        if value > 99.95, value < 100 { return "> 99.9 %" }
        return value >= 1 || value == 0 ? String(format: "%.1f %%", value) : String(format: "%.2f %%", value)
    }

    /// `1`, `0.2`.
    static func rateText(_ perMinute: Double) -> String {
        perMinute == perMinute.rounded() ? "\(Int(perMinute))" : String(format: "%.2f", perMinute)
    }
}
