import CBillingSyncSQLite

/// Modes of `sqlite3_wal_checkpoint_v2`.
public enum CheckpointMode: Sendable {
    /// Copies as many frames as possible without waiting for readers or writers.
    case passive
    /// Waits (busy timeout) for the writer, then for readers, and copies every frame.
    case full
    /// Like `full`, then waits until the next writer can restart the WAL from the start.
    case restart
    /// Like `restart`, and truncates the WAL file to zero bytes.
    case truncate

    var rawValue: Int32 {
        switch self {
        case .passive: SQLITE_CHECKPOINT_PASSIVE
        case .full: SQLITE_CHECKPOINT_FULL
        case .restart: SQLITE_CHECKPOINT_RESTART
        case .truncate: SQLITE_CHECKPOINT_TRUNCATE
        }
    }
}
