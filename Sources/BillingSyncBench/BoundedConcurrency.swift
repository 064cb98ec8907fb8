/// The request loop shared by the two GET-loop baselines (`plain-loop`, `raw-loop`): every
/// element handed to `body` with at most `concurrency` calls in flight, each outcome passed to
/// `onEach` on the caller's task as it completes (a task group refilled one task per completion).
enum BoundedConcurrency {
    /// Runs `body` for every element of `elements`, at most `concurrency` (at least 1) at a time.
    static func forEach<Element: Sendable, Outcome: Sendable>(
        _ elements: [Element], concurrency: Int, _ body: @escaping @Sendable (Element) async -> Outcome,
        onEach: (Outcome) -> Void
    ) async {
        await withTaskGroup(of: Outcome.self) { group in
            var next = elements.makeIterator()
            for _ in 0..<max(1, concurrency) {
                guard let element = next.next() else { break }
                group.addTask { await body(element) }
            }
            while let outcome = await group.next() {
                onEach(outcome)
                if let element = next.next() {
                    group.addTask { await body(element) }
                }
            }
        }
    }
}
