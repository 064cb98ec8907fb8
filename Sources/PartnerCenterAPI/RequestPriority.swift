/// How urgently a request should get the tenant's shared budget, set by the caller for a task
/// and everything it calls (`RequestPriority.$current.withValue(.interactive) { … }`).
///
/// An operator's edit waiting behind thousands of reconcile reads is what users feel: an
/// `interactive` request (a push's re-read, address checks and PUT; the audit feed) gets the next
/// permit and the next token ahead of the `background` requests already waiting, and the overall
/// rate never exceeds the budget. No starvation: while background requests wait they still get at
/// least one grant in `backgroundTurn` (`minimumBackgroundShare` of the rate), however many
/// interactive requests there are.
public enum RequestPriority: Sendable, Equatable {
    /// Bulk work that can wait (the full reconcile).
    case background
    /// Work someone is waiting for (pushes, the audit feed).
    case interactive

    /// The priority of the current task (background unless set).
    @TaskLocal public static var current: RequestPriority = .background

    /// While background requests wait, at least every `backgroundTurn`-th grant (of a token or of a
    /// permit) goes to one of them: an interactive request waits at most one grant more for it.
    public static let backgroundTurn = 5

    /// The smallest share of the rate background requests get while they wait (1 / `backgroundTurn`).
    public static var minimumBackgroundShare: Double { 1 / Double(backgroundTurn) }
}
