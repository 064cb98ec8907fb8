import BillingSyncConfig
import PartnerCenterClient

/// How a full reconcile spends the tenant's request budget, for `check-config` and `status`:
/// what it costs, how long it takes, and what it leaves for the audit feed and pushes.
///
/// Counted per reconcile: one customer-list page per `page_size` customers (at least one) and one
/// billing-profile GET per customer; not counted: token requests (another service), retries, the
/// audit feed and pushes (the rest of the budget). The rate is `requests_per_minute`, capped at
/// the service's documented 500/min per tenant: asking more only earns 429s.
public struct ReconcileBudgetPlan: Sendable, Equatable, Codable {
    /// The scheduled reconcile (not the first) spreads its fetches over this part of
    /// `full_resync_interval` (the daemon's `spreadFullResync`).
    public static func spread(of interval: Duration) -> Duration { interval / 4 }

    /// Customers mirrored (listed at the last reconcile, not removed).
    public let customers: Int
    /// `page_size`: customers per list page.
    public let pageSize: Int
    /// Customer-list pages a reconcile reads (`page_size` customers each, at least one).
    public let listPages: Int
    /// Requests one full reconcile costs: the list pages and one profile GET per customer.
    public let reconcileRequests: Int
    /// `requests_per_minute` as configured.
    public let configuredRequestsPerMinute: Int
    /// The rate the plan uses: the configured one, at most the service's limit.
    public let requestsPerMinute: Int
    /// Hours of the whole budget a reconcile takes (the first runs this fast; so does any later
    /// one whose spread is shorter than this).
    public let reconcileHours: Double
    /// `full_resync_interval` in hours.
    public let intervalHours: Double
    /// Hours a scheduled reconcile is spread over (a quarter of the interval, never less than
    /// `reconcileHours`).
    public let scheduledReconcileHours: Double
    /// Share of the budget the reconcile takes over a whole interval (0…1, more when it cannot finish).
    public let reconcileShare: Double
    /// Share of the budget a scheduled reconcile takes while it runs.
    public let shareWhileReconciling: Double
    /// Share left for the audit feed and pushes over an interval (1 − `reconcileShare`, at least 0).
    public let leftForFeedAndPushes: Double
    /// Requests a minute the audit feed costs at least (one page per `audit_interval`; 0 when off).
    public let feedRequestsPerMinute: Double
    /// What the operator should change, one sentence each.
    public let warnings: [String]

    /// The plan for `customers` mirrored customers under `settings`.
    public init(customers: Int, settings: SyncSettings) {
        self.customers = max(customers, 0)
        pageSize = max(settings.pageSize, 1)
        listPages = max(1, (self.customers + settings.pageSize - 1) / max(settings.pageSize, 1))
        reconcileRequests = listPages + self.customers
        configuredRequestsPerMinute = settings.requestsPerMinute
        requestsPerMinute = max(1, min(settings.requestsPerMinute, SyncSettings.serviceRequestsPerMinute))
        let minutes = Double(reconcileRequests) / Double(requestsPerMinute)
        reconcileHours = minutes / 60
        intervalHours = settings.fullResyncInterval.seconds / 3600
        scheduledReconcileHours = max(Self.spread(of: settings.fullResyncInterval).seconds / 3600, reconcileHours)
        reconcileShare = intervalHours > 0 ? reconcileHours / intervalHours : 1
        shareWhileReconciling = scheduledReconcileHours > 0 ? reconcileHours / scheduledReconcileHours : 1
        leftForFeedAndPushes = max(0, 1 - reconcileShare)
        feedRequestsPerMinute = settings.auditFeed && settings.auditInterval > .zero ? 60 / settings.auditInterval.seconds : 0
        var warnings: [String] = []
        if settings.requestsPerMinute > SyncSettings.serviceRequestsPerMinute {
            warnings.append("requests_per_minute \(settings.requestsPerMinute) is above the service's \(SyncSettings.serviceRequestsPerMinute)/min per tenant: planned at \(SyncSettings.serviceRequestsPerMinute)/min; the excess only earns 429s")
        }
        if reconcileHours > intervalHours {
            warnings.append("full_resync_interval \(DurationText.format(settings.fullResyncInterval)) is shorter than a full reconcile of \(self.customers) customers takes at \(requestsPerMinute)/min (\(Self.hoursText(reconcileHours))): reconciles run back to back and take the whole budget pushes and the feed do not claim; set full_resync_interval to at least \(Self.hoursText(reconcileHours * 1.25))")
        }
        self.warnings = warnings
    }

    /// `0.4 h`, `17 h`, `12 min`.
    static func hoursText(_ hours: Double) -> String {
        if hours < 1 { return "\(Int((hours * 60).rounded(.up))) min" }
        return hours < 10 ? "\((hours * 10).rounded(.up) / 10) h" : "\(Int(hours.rounded(.up))) h"
    }
}
