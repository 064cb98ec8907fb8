/// How urgently a request should get the tenant's shared budget, set by the caller for a task
/// and everything it calls (`RequestPriority.$current.withValue(.interactive) { … }`).
///
/// An operator's edit waiting behind thousands of reconcile reads is what users feel: an
/// `interactive` request (a push's re-read and PUT, the audit feed) takes the next token ahead
/// of the `background` requests already waiting, and one of those moves to the back of the
/// queue, so the overall rate never exceeds the budget and the background work keeps every
/// other token.
public enum RequestPriority: Sendable, Equatable {
    /// Bulk work that can wait (the full reconcile).
    case background
    /// Work someone is waiting for (pushes, the audit feed).
    case interactive

    /// The priority of the current task (background unless set).
    @TaskLocal public static var current: RequestPriority = .background
}
