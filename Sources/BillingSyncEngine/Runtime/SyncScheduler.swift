import BillingSyncStore
import Foundation
import Logging
import PartnerCenterAPI

/// The three long-running loops of the daemon: full reconcile on a schedule, the audit feed,
/// and the outbox. Each returns only when its task is cancelled (graceful shutdown). Every wait
/// goes through the environment's clock.
public struct SyncScheduler: SyncComponent {
    public let reconciler: Reconciler
    public let poller: AuditFeedPoller
    public let pusher: OutboxPusher

    /// The engine over `context`: its reconciler, the feed poller beside it and the pusher, all
    /// sharing the context's port, store, configuration and environment. The one composition of the
    /// engine (the daemon, `sync --once`, the simulation and the engine tests build it here).
    public init(context: SyncContext) {
        reconciler = Reconciler(context: context)
        poller = AuditFeedPoller(reconciler: reconciler)
        pusher = OutboxPusher(context: context)
    }

    /// How long after a change hint that found `data_version` unchanged the outbox loop checks
    /// once more (a writer publishes its commit in the WAL index just after writing the frames).
    static let hintRecheckDelay: Duration = .milliseconds(25)

    /// The context its three parts share.
    public var context: SyncContext { reconciler.context }

    /// Runs a full reconcile at once when none has succeeded within the interval, then every
    /// `fullResyncInterval` plus a random jitter. Failures are reported and retried with backoff.
    public func runReconcileLoop() async throws {
        var failures = 0
        while !Task.isCancelled {
            try await environment.sleep(for: try await timeUntilNextFullReconcile())
            let isFirst = try await store.read { try $0.checkpoint(Reconciler.lastSuccessKey) } == nil
            // After a stop longer than the audit feed reaches back, only this reconcile can find
            // what changed meanwhile: it runs at the budget's pace, like the first one.
            let catchUp = !isFirst && configuration.auditFeedEnabled ? try await poller.positionExpired() : false
            if catchUp { logger.notice("catch-up reconcile: the audit feed cannot reach back to its position") }
            let succeeded = try await pass("full reconcile", activity: .reconcile, failures: &failures) {
                let spread = isFirst || catchUp ? nil : configuration.spreadFullResync
                let failed = try await reconciler.runFullReporting(spread: spread).failures
                observer.problem(failed, in: .customers)
                return nil
            }
            if !succeeded {
                try await environment.sleep(for: Backoff(initial: .seconds(5), maximum: .seconds(600))
                    .delay(attempt: failures, random: environment.random))
            }
        }
    }

    /// Time left before the next full reconcile is due (zero when due now).
    func timeUntilNextFullReconcile() async throws -> Duration {
        guard let last = try await store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) })
            .flatMap(Timestamp.date(from:)) else { return .zero }
        let jitter = environment.random.uniform(upTo: max(configuration.fullResyncJitter.seconds, 0))
        let due = last.addingTimeInterval(configuration.fullResyncInterval.seconds + jitter)
        return .seconds(max(0, due.timeIntervalSince(environment.now())))
    }

    /// Polls the audit feed every `auditInterval` (after the first full reconcile has succeeded).
    public func runAuditLoop() async throws {
        guard configuration.auditFeedEnabled else { return }
        var failures = 0
        while !Task.isCancelled {
            try await environment.sleep(for: failures == 0 ? configuration.auditInterval
                                        : Backoff(initial: configuration.auditInterval, maximum: .seconds(900)).ceiling(attempt: failures))
            guard try await store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) }) != nil else { continue }
            _ = try await pass("audit feed poll", activity: .auditFeed, failures: &failures) {
                // The feed is how a remote change reaches the mirror quickly: ahead of the reconcile.
                let result = try await RequestPriority.$current.withValue(.interactive) { try await poller.pollOnce() }
                observer.progress()
                // The poll refreshed the retry set: what still fails is what is left.
                observer.problem(result.failures, in: .customers)
                return nil
            }
        }
    }

    /// Pushes pending edits, then waits until another connection commits (`PRAGMA data_version`)
    /// or a retry is due. Between checks it waits on `changes` (the
    /// daemon's inotify watcher of the WAL) for at most `outboxPollInterval`; without one
    /// (`nil`, the simulation) every wait is a plain sleep on the environment's clock. A hint only
    /// triggers a check: `data_version` decides whether another connection committed.
    public func runOutboxLoop(changes: (any OutboxChangeSignal)? = nil) async throws {
        guard configuration.pushEnabled else { return }
        let changes = changes ?? PollingChangeSignal(environment: environment)
        var lastVersion = try await store.dataVersion()
        var failures = 0
        while !Task.isCancelled {
            var retryIn: Duration = .seconds(300)
            _ = try await pass("outbox pass", activity: .outbox, failures: &failures) {
                let summary = try await pusher.pushPending()
                if summary.total > 0 {
                    observer.status("outbox: \(summary.pushed) pushed, \(summary.conflicts) conflicts, \(summary.rejected) rejected, \(summary.failed) failed, \(summary.deferred) deferred")
                }
                // Edits left open by a customer-scoped failure are retried after a backoff.
                if summary.deferred > 0 { retryIn = configuration.pushBackoffMax }
                return summary.failures
            }
            if failures > 0 { retryIn = Backoff(initial: .seconds(5), maximum: .seconds(300)).ceiling(attempt: failures) }
            let retryAt = environment.now().addingTimeInterval(retryIn.seconds)
            while !Task.isCancelled {
                let hinted = try await changes.waitForChange(upTo: configuration.outboxPollInterval)
                var version = try await store.dataVersion()
                if hinted, version == lastVersion {
                    // The hint may be the WAL write of a commit not yet published in the WAL
                    // index: look once more a moment later before waiting again.
                    try await environment.sleep(for: Self.hintRecheckDelay)
                    version = try await store.dataVersion()
                }
                observer.progress()
                if version != lastVersion {
                    lastVersion = version
                    if failures == 0 { break }
                }
                if environment.now() >= retryAt { break }
            }
        }
    }

    /// Runs one pass of a loop: success resets `failures` and sets the activity's problem to what
    /// the body returns (nil clears it; a `CustomerFailures` keeps the activity degraded while
    /// the rest of the work went on; customers the fetches left behind are reported under
    /// `.customers` instead); a failure is counted, reported to the observer and logged;
    /// cancellation ends the loop.
    func pass(_ name: String, activity: SyncActivity, failures: inout Int,
              _ body: () async throws -> (any Error)?) async throws -> Bool {
        do {
            let residual = try await body()
            failures = 0
            observer.problem(residual, in: activity)
            return true
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            failures += 1
            observer.problem(error, in: activity)
            logger.warning("\(name) failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
            return false
        }
    }
}
