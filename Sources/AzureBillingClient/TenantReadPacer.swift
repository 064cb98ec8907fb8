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
    private var nextSlot = ContinuousClock.now

    init(threshold: Int, window: Duration, maxSpacing: Duration) {
        self.threshold = threshold
        self.window = window
        self.maxSpacing = maxSpacing
    }

    /// Takes the next request slot, sleeping until it comes when pacing.
    func waitForSlot() async throws(PartnerCenterError) {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + spacing
        guard slot > now else { return }
        do {
            try await Task.sleep(until: slot, clock: .continuous)
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
        if newSpacing < spacing { nextSlot = min(nextSlot, ContinuousClock.now + newSpacing) }
        spacing = newSpacing
        return newSpacing
    }
}
