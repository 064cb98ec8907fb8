/// A seam below the store for tests and the simulation: asked at each step of a write
/// transaction, it may answer a result code that the step then fails with, as SQLite would.
/// Production connections have none.
///
/// `.begin` models another process holding the write lock past `busy_timeout` (`SQLITE_BUSY`);
/// `.commit` models a disk that is full or fails (`SQLITE_FULL`, `SQLITE_IOERR`): the
/// transaction is rolled back and the error thrown, so nothing of it is written.
public struct StorageFaultInjector: Sendable {
    /// Where in a write transaction a fault may strike.
    public enum Point: Sendable, Equatable {
        /// `BEGIN IMMEDIATE`, before anything is written.
        case begin
        /// `COMMIT`, after the transaction's statements ran.
        case commit
    }

    private let decide: @Sendable (Point) -> ResultCode?

    /// Creates an injector; `decide` returns the code a step fails with, or nil.
    public init(_ decide: @escaping @Sendable (Point) -> ResultCode?) {
        self.decide = decide
    }

    /// The fault for this step, if any.
    public func fault(at point: Point) -> ResultCode? { decide(point) }
}
