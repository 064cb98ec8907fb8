/// How ``Connection/transaction(_:_:)`` begins its transaction.
public enum TransactionKind: Sendable {
    /// `BEGIN DEFERRED`: locks are taken on first read or write.
    case deferred
    /// `BEGIN IMMEDIATE`: takes the write lock at once (waiting up to the busy timeout).
    case immediate

    var beginStatement: String {
        switch self {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        }
    }
}
