import BillingSyncStore
import Foundation
import PartnerCenterAPI

extension AzureMirror {
    /// Runs a pass at once when the last complete pass is older than `interval` (or
    /// there is none), then every `interval`. Failures are reported and retried with backoff.
    /// Returns only when cancelled.
    public func runAzureLoop(interval: Duration? = nil) async throws {
        let interval = interval ?? settings.interval
        var failures = 0
        while !Task.isCancelled {
            let wait = failures == 0 ? try await timeUntilNextRun(interval: interval)
                : Backoff(initial: .seconds(30), maximum: interval).delay(attempt: failures, random: environment.random)
            if wait > .zero { try await environment.sleep(for: wait) }
            do {
                let counts = try await runOnce()
                failures = counts.errors == 0 ? 0 : failures + 1
                if counts.errors == 0 { observer.problem(nil, in: .azure) }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                observer.problem(error, in: .azure)
                logger.error("azure mirror pass failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
            }
        }
    }

    /// Time until the next pass is due: zero without a complete pass within `interval`.
    func timeUntilNextRun(interval: Duration) async throws -> Duration {
        guard let last = try await store.read({ try $0.checkpoint(Self.lastSuccessKey) }).flatMap(Timestamp.date(from:))
        else { return .zero }
        return .seconds(max(0, last.addingTimeInterval(interval.seconds).timeIntervalSince(environment.now())))
    }
}
