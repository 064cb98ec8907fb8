import BillingSyncConfig
import BillingSyncDaemon
import Testing

@Suite struct ReconcileBudgetPlanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var customers: Int
        var pageSize = 500
        var perMinute = 500
        var interval: Duration = .seconds(24 * 3600)
        var pages: Int
        var requests: Int
        var rate: Int
        var hours: Double
        var share: Double
        var warnings: Int
        var testDescription: String { "\(customers) customers at \(perMinute)/min every \(interval)" }
    }

    static let cases: [Case] = [
        // The largest provider: 500k customers, 1,000 pages, ~16.7 h at 500/min of a 24 h interval.
        Case(customers: 500_000, pages: 1000, requests: 501_000, rate: 500, hours: 501_000.0 / 500 / 60,
             share: 501_000.0 / 500 / 60 / 24, warnings: 0),
        // The same over-claimed tenfold: planned at the service's 500/min, with a warning.
        Case(customers: 500_000, perMinute: 5000, pages: 1000, requests: 501_000, rate: 500, hours: 501_000.0 / 500 / 60,
             share: 501_000.0 / 500 / 60 / 24, warnings: 1),
        // An interval shorter than the reconcile: it takes the whole budget, with a warning.
        Case(customers: 500_000, interval: .seconds(12 * 3600), pages: 1000, requests: 501_000, rate: 500,
             hours: 501_000.0 / 500 / 60, share: 501_000.0 / 500 / 60 / 12, warnings: 1),
        // A partial last page counts; a smaller rate (another tool has the rest) takes longer.
        Case(customers: 1001, perMinute: 300, pages: 3, requests: 1004, rate: 300, hours: 1004.0 / 300 / 60,
             share: 1004.0 / 300 / 60 / 24, warnings: 0),
        // An empty mirror still lists one page.
        Case(customers: 0, pageSize: 2000, pages: 1, requests: 1, rate: 500, hours: 1.0 / 500 / 60,
             share: 1.0 / 500 / 60 / 24, warnings: 0),
    ]

    @Test(arguments: cases)
    func plan(_ example: Case) {
        let settings = SyncSettings(pageSize: example.pageSize, requestsPerMinute: example.perMinute,
                                    fullResyncInterval: example.interval)
        let plan = ReconcileBudgetPlan(customers: example.customers, settings: settings)
        #expect(plan.listPages == example.pages)
        #expect(plan.reconcileRequests == example.requests)
        #expect(plan.requestsPerMinute == example.rate)
        #expect(abs(plan.reconcileHours - example.hours) < 1e-9)
        #expect(abs(plan.reconcileShare - example.share) < 1e-9)
        #expect(abs(plan.leftForFeedAndPushes - max(0, 1 - example.share)) < 1e-9)
        #expect(plan.warnings.count == example.warnings, "\(plan.warnings)")
        #expect(plan.lines.filter { $0.hasPrefix("warning: ") }.count == example.warnings)
    }

    @Test("a scheduled reconcile is spread over a quarter of the interval, or runs at the full budget when that is too short")
    func spread() {
        let day = SyncSettings(fullResyncInterval: .seconds(24 * 3600))
        let small = ReconcileBudgetPlan(customers: 30_000, settings: day)
        #expect(small.scheduledReconcileHours == 6)
        #expect(abs(small.shareWhileReconciling - small.reconcileHours / 6) < 1e-9)
        let large = ReconcileBudgetPlan(customers: 300_000, settings: day)
        #expect(large.scheduledReconcileHours == large.reconcileHours)
        #expect(large.shareWhileReconciling == 1)
        #expect(ReconcileBudgetPlan.spread(of: .seconds(3600)) == .seconds(900))
    }

    @Test("the feed's cost and the warning's advice are stated")
    func text() {
        let settings = SyncSettings(requestsPerMinute: 500, auditInterval: .seconds(30), fullResyncInterval: .seconds(3600))
        let plan = ReconcileBudgetPlan(customers: 60_000, settings: settings)
        #expect(plan.feedRequestsPerMinute == 2)
        let text = plan.lines.joined(separator: "\n")
        #expect(text.contains("60000 customers mirrored; a full reconcile costs 60120 requests (120 list pages of up to 500 + 60000 profile GETs)"))
        #expect(text.contains("warning: full_resync_interval 1h is shorter than a full reconcile of 60000 customers takes at 500/min (2.1 h)"))
        let tiny = ReconcileBudgetPlan(customers: 50, settings: SyncSettings())
        #expect(tiny.lines[2] == "every 24 h (full_resync_interval): 0.01 % of the budget; > 99.9 % left for the audit feed (1 request/min) and pushes")
        let off = ReconcileBudgetPlan(customers: 10, settings: SyncSettings(auditFeed: false))
        #expect(off.feedRequestsPerMinute == 0)
    }
}
