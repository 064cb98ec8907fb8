/// What the outbox loop waits on between checks of `PRAGMA data_version`: a hint that the
/// database may have changed (another process committed), or the poll interval running out.
///
/// A hint is never trusted by itself: after every wait the loop compares `data_version`, so a
/// hint caused by this process's own writes costs one cheap check and no push pass. The daemon
/// passes an inotify watcher of the database's WAL (`DatabaseChangeWatcher`); the default,
/// `PollingChangeSignal`, only sleeps on the environment's clock (the simulation, other systems,
/// and the fallback when inotify is unavailable).
public protocol OutboxChangeSignal: Sendable {
    /// Returns when a change hint arrives or after `limit`, whichever comes first: `true` when
    /// woken by a hint, `false` when the time ran out. Throws `CancellationError` when the task
    /// is cancelled.
    func waitForChange(upTo limit: Duration) async throws -> Bool
}
