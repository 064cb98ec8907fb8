import Foundation

/// The ARM tenant read budget (the legacy per-hour model): `perHour` reads per window of one
/// hour; `x-ms-ratelimit-remaining-tenant-reads` shows what is left, and an exhausted budget
/// answers 429 with `Retry-After` until the window ends. Time is the emulator's `configuration.now`
/// (the simulation's clock under the simulation).
struct ARMReadBudget: Sendable {
    /// The header value when no budget is configured.
    static let unlimitedRemaining = 11999
    /// The window length.
    static let window: Duration = .seconds(3600)

    let perHour: Int
    private(set) var remaining: Int
    private var windowStart: Date

    init(perHour: Int, now: Date) {
        self.perHour = max(0, perHour)
        remaining = self.perHour
        windowStart = now
    }

    /// Takes one read; nil when granted, otherwise whole seconds until the window refills (≥ 1).
    mutating func take(now: Date) -> Int? {
        refill(now: now)
        if remaining > 0 {
            remaining -= 1
            return nil
        }
        let left = windowStart.addingTimeInterval(Double(Self.window.components.seconds)).timeIntervalSince(now)
        return max(1, Int(left.rounded(.up)))
    }

    /// Starts a new full window once the current one has passed.
    mutating func refill(now: Date) {
        guard now.timeIntervalSince(windowStart) >= Double(Self.window.components.seconds) else { return }
        remaining = perHour
        windowStart = now
    }
}
