import Foundation
import PartnerCenterClient

/// Slows requests down before ARM throttles them: when `x-ms-ratelimit-remaining-tenant-reads`
/// falls below `threshold`, requests are spaced so that the remaining reads last the `window`
/// (`window / remaining`, at most `maxSpacing`). Plenty of reads left (or no header) → no gap.
actor TenantReadPacer {
    private let threshold: Int
    private let window: Duration
    private let maxSpacing: Duration
    /// The gap kept between two requests now.
    private(set) var spacing: Duration = .zero
    /// The last remaining-reads value seen.
    private(set) var lastRemaining: Int?
    private let clock: TransportClock
    /// When the next request may go, as time elapsed on `clock`.
    private var nextSlot: Duration

    init(threshold: Int, window: Duration, maxSpacing: Duration, clock: TransportClock = .continuous) {
        self.threshold = threshold
        self.window = window
        self.maxSpacing = maxSpacing
        self.clock = clock
        nextSlot = clock.elapsed()
    }

    /// Takes the next request slot, sleeping until it comes when pacing.
    func waitForSlot() async throws(PartnerCenterError) {
        let now = clock.elapsed()
        let slot = max(now, nextSlot)
        nextSlot = slot + spacing
        guard slot > now else { return }
        do {
            try await clock.sleep(for: slot - now)
        } catch {
            throw .cancelled()
        }
    }

    /// Reads the header value of a response; returns the new spacing when it changed.
    func observe(remainingHeader: String?) -> Duration? {
        guard let text = remainingHeader?.trimmingCharacters(in: .whitespaces), let remaining = Int(text) else {
            return nil
        }
        lastRemaining = remaining
        let newSpacing: Duration = remaining >= threshold ? .zero : min(window / max(remaining, 1), maxSpacing)
        guard newSpacing != spacing else { return nil }
        if newSpacing < spacing { nextSlot = min(nextSlot, clock.elapsed() + newSpacing) }
        spacing = newSpacing
        return newSpacing
    }
}
