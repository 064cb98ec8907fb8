import BillingSyncStore

/// The one composition of the sync's long-running work and of `sync --once`: the daemon
/// (`billing-sync run`), `sync --once`, the demo and the simulation all build one and run it, so
/// what the simulation proves is the loop set that ships.
///
/// The loop set: the full reconcile on its schedule, the audit feed, the outbox (woken by
/// `changes`, the daemon's inotify watcher, or polling without one), the ARM mirror when one is
/// given, the WAL checkpoint every `checkpointInterval`, and the caller's `maintenance` loops
/// (the daemon's periodic integrity check). Every periodic wait goes through the environment's clock.
public struct SyncRuntime: Sendable {
    /// One long-running task of the set, named for logs and for tests that compare compositions.
    public struct Loop: Sendable {
        /// Its name, e.g. `reconcile`.
        public let name: String
        let body: @Sendable () async throws -> Void

        /// A loop that runs `body` until cancelled.
        public init(name: String, body: @escaping @Sendable () async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// A loop that waits `interval` on `environment`'s clock, then runs `action`, until cancelled.
        static func every(_ interval: Duration, name: String, environment: SyncEnvironment,
                          action: @escaping @Sendable () async -> Void) -> Loop {
            Loop(name: name) {
                while !Task.isCancelled {
                    try await environment.sleep(for: interval)
                    await action()
                }
            }
        }
    }

    /// Work of the caller's run every `interval` (on the environment's clock), e.g. the daemon's
    /// integrity check. A zero interval leaves it out.
    public struct PeriodicTask: Sendable {
        /// Its loop's name.
        public let name: String
        /// The wait before each run.
        public let interval: Duration
        let action: @Sendable () async -> Void

        /// A task run every `interval`.
        public init(name: String, every interval: Duration, action: @escaping @Sendable () async -> Void) {
            self.name = name
            self.interval = interval
            self.action = action
        }
    }

    /// What `runOnce()` did.
    public struct OnceReport: Sendable {
        /// The full reconcile's counts.
        public let reconcile: SyncRunCounts
        /// Customers whose calls failed during the reconcile (kept for the next run).
        public let customerFailures: CustomerFailures?
        /// The outbox push.
        public let push: OutboxPusher.Summary
        /// The ARM mirror's pass, when there is a mirror.
        public let azure: AzureMirrorCounts?
    }

    /// The reconcile, audit-feed and outbox loops and the engine they drive.
    public let scheduler: SyncScheduler
    /// The ARM billing customers mirror, when `[azure]` is enabled.
    public let azureMirror: AzureMirror?
    /// The loops, in the order they start.
    public let loops: [Loop]

    /// Builds the set. `checkpointInterval` nil (or zero) leaves checkpoints to SQLite's
    /// auto-checkpoint; `changes` nil makes the outbox loop poll every `outbox_poll_interval`.
    public init(scheduler: SyncScheduler, azureMirror: AzureMirror? = nil, checkpointInterval: Duration? = nil,
                changes: (any OutboxChangeSignal)? = nil, maintenance: [PeriodicTask] = []) {
        self.scheduler = scheduler
        self.azureMirror = azureMirror
        let store = scheduler.reconciler.store
        var loops = [
            Loop(name: "reconcile") { try await scheduler.runReconcileLoop() },
            Loop(name: "audit feed") { try await scheduler.runAuditLoop() },
            Loop(name: "outbox") { try await scheduler.runOutboxLoop(changes: changes) },
        ]
        if let azureMirror {
            loops.append(Loop(name: "azure mirror") { try await azureMirror.runAzureLoop() })
        }
        if let checkpointInterval, checkpointInterval > .zero {
            loops.append(.every(checkpointInterval, name: "wal checkpoint", environment: scheduler.environment) {
                try? await store.checkpoint()
            })
        }
        for task in maintenance where task.interval > .zero {
            loops.append(.every(task.interval, name: task.name, environment: scheduler.environment, action: task.action))
        }
        self.loops = loops
    }

    /// Runs every loop until the task is cancelled (or one of them throws).
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for loop in loops {
                group.addTask { try await loop.body() }
            }
            try await group.waitForAll()
        }
    }

    /// `sync --once`: one full reconcile, then the outbox push, then the ARM mirror's pass.
    /// A reconcile that throws ends the run before the push (nothing is pushed against a mirror
    /// that could not be read).
    public func runOnce() async throws -> OnceReport {
        let (counts, failures) = try await scheduler.reconciler.runFullReporting()
        let pushed = try await scheduler.pusher.pushPending()
        let azure = try await azureMirror?.runOnce()
        return OnceReport(reconcile: counts, customerFailures: failures, push: pushed, azure: azure)
    }
}
