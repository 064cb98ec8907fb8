/// `PRAGMA synchronous` settings.
public enum SynchronousMode: Int, Sendable {
    /// No syncs: fastest, not durable across power loss.
    case off = 0
    /// In WAL mode, durable across application crashes but a power loss may drop the last commits.
    case normal = 1
    /// Syncs the WAL on every commit: committed transactions survive power loss.
    case full = 2
    /// Like `full`, and also syncs the directory after unlinking a journal.
    case extra = 3
}
