import Testing

/// Waits (yielding, never sleeping) until `condition` holds; fails after a generous number of turns.
func eventually(_ condition: () async -> Bool) async throws {
    for _ in 0..<200_000 {
        if await condition() { return }
        await Task.yield()
    }
    Issue.record("the condition never held")
    throw CancellationError()
}
