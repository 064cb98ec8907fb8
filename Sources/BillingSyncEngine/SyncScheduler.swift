import BillingSyncStore
import Foundation
import Logging
import PartnerCenterClient

/// The three long-running loops of the daemon: full reconcile on a schedule, the audit feed,
/// and the outbox. Each returns only when its task is cancelled (graceful shutdown).
public struct SyncScheduler: Sendable {
    public let reconciler: Reconciler
    public let poller: AuditFeedPoller
    public let pusher: OutboxPusher
    public let wakeup: OutboxWakeup

    public init(reconciler: Reconciler, pusher: OutboxPusher, wakeup: OutboxWakeup = OutboxWakeup()) {
        self.reconciler = reconciler
        self.poller = AuditFeedPoller(reconciler: reconciler)
        self.pusher = pusher
        self.wakeup = wakeup
    }

    var configuration: EngineConfiguration { reconciler.configuration }
    var observer: any SyncObserver { reconciler.observer }
    var logger: Logger { reconciler.logger }

    /// Runs a full reconcile at once when none has succeeded within the interval, then every
    /// `fullResyncInterval` plus a random jitter. Failures are reported and retried with backoff.
    public func runReconcileLoop() async throws {
        var failures = 0
        while !Task.isCancelled {
            let wait = try await timeUntilNextFullReconcile()
            if wait > .zero { try await Task.sleep(for: wait) }
            let isFirst = try await reconciler.store.read { try $0.checkpoint(Reconciler.lastSuccessKey) } == nil
            let succeeded = try await pass("full reconcile", activity: .reconcile, failures: &failures) {
                try await reconciler.runFull(spread: isFirst ? nil : configuration.spreadFullResync)
            }
            if !succeeded {
                try await Task.sleep(for: Backoff(initial: .seconds(5), maximum: .seconds(600)).delay(attempt: failures))
            }
        }
    }

    /// Time left before the next full reconcile is due (zero when due now).
    func timeUntilNextFullReconcile() async throws -> Duration {
        guard let last = try await reconciler.store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) })
            .flatMap(Timestamp.date(from:)) else { return .zero }
        let jitter = Double.random(in: 0...max(configuration.fullResyncJitter.seconds, 0))
        let due = last.addingTimeInterval(configuration.fullResyncInterval.seconds + jitter)
        return .seconds(max(0, due.timeIntervalSinceNow))
    }

    /// Polls the audit feed every `auditInterval` (after the first full reconcile has succeeded).
    public func runAuditLoop() async throws {
        guard configuration.auditFeedEnabled else { return }
        var failures = 0
        while !Task.isCancelled {
            try await Task.sleep(for: failures == 0 ? configuration.auditInterval
                                 : Backoff(initial: configuration.auditInterval, maximum: .seconds(900)).ceiling(attempt: failures))
            guard try await reconciler.store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) }) != nil else { continue }
            _ = try await pass("audit feed poll", activity: .auditFeed, failures: &failures) {
                try await poller.pollOnce()
                observer.progress()
            }
        }
    }

    /// Pushes pending edits, then waits until another process commits (`PRAGMA data_version`),
    /// this process wakes it, or a retry is due. Checks every `outboxPollInterval`.
    public func runOutboxLoop() async throws {
        guard configuration.pushEnabled else { return }
        let store = reconciler.store
        var lastVersion = try await store.dataVersion()
        var failures = 0
        while !Task.isCancelled {
            _ = try await pass("outbox pass", activity: .outbox, failures: &failures) {
                let summary = try await pusher.pushPending()
                if summary.total > 0 {
                    observer.status("outbox: \(summary.pushed) pushed, \(summary.conflicts) conflicts, \(summary.rejected) rejected, \(summary.failed) failed")
                }
            }
            let retryAt = ContinuousClock.now + (failures == 0 ? .seconds(300)
                : Backoff(initial: .seconds(5), maximum: .seconds(300)).ceiling(attempt: failures))
            while !Task.isCancelled {
                try await Task.sleep(for: configuration.outboxPollInterval)
                let version = try await store.dataVersion()
                observer.progress()
                if version != lastVersion {
                    lastVersion = version
                    if failures == 0 { break }
                }
                if wakeup.consume() || ContinuousClock.now >= retryAt { break }
            }
        }
    }

    /// Runs one pass of a loop: success resets `failures` and clears the activity's problem; a
    /// failure is counted, reported to the observer and logged; cancellation ends the loop.
    func pass(_ name: String, activity: SyncActivity, failures: inout Int,
              _ body: () async throws -> Void) async throws -> Bool {
        do {
            try await body()
            failures = 0
            observer.problem(nil, in: activity)
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
