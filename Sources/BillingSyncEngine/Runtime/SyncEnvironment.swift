import Foundation
import BillingSyncStore
import PartnerCenterModels
import Synchronization

/// Time, randomness and identity as the engine sees them. The daemon uses the system's; the
/// simulation passes a virtual clock, a seeded generator and its own process identities, so a
/// run is reproducible from its seed and backoffs take no wall time.
public struct SyncEnvironment: Sendable {
    /// Every sleep of the engine (backoffs, intervals, polls) goes through this clock.
    public var clock: any Clock<Duration>
    /// Wall-clock time (audit-feed windows, claim leases, schedule checks).
    public var now: @Sendable () -> Date
    /// The source of jitter (backoff, schedule).
    public var random: RandomSource
    /// Who this pusher is, for claiming outbox edits.
    public var owner: ClaimOwner

    /// Creates an environment.
    public init(clock: any Clock<Duration>, now: @escaping @Sendable () -> Date, random: RandomSource, owner: ClaimOwner) {
        self.clock = clock
        self.now = now
        self.random = random
        self.owner = owner
    }

    /// The system clock, the system generator and this process as the claim owner.
    public static func system() -> SyncEnvironment {
        SyncEnvironment(clock: ContinuousClock(), now: { Date() }, random: RandomSource(), owner: .currentProcess)
    }

    /// Sleeps on the environment's clock.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await clock.sleep(for: duration)
    }

    /// The wall-clock time as store text (ISO-8601 UTC, milliseconds).
    public func timestamp(after offset: Duration = .zero) -> String {
        Timestamp.string(from: now().addingTimeInterval(offset.seconds))
    }
}

/// A thread-safe source of uniform random numbers: the system generator, or a seeded one.
public final class RandomSource: Sendable {
    private let seeded: Mutex<SeededGenerator?>

    /// The system generator.
    public init() { seeded = Mutex(nil) }

    /// A deterministic generator (`SeededGenerator`, SplitMix64) from `seed`.
    public init(seed: UInt64) { seeded = Mutex(SeededGenerator(seed: seed)) }

    /// A value in `0...upper` (0 when `upper` is not positive).
    public func uniform(upTo upper: Double) -> Double {
        guard upper > 0 else { return 0 }
        let bits: UInt64 = seeded.withLock { generator in
            if generator == nil {
                var system = SystemRandomNumberGenerator()
                return system.next()
            }
            return generator!.next()
        }
        return Double(bits >> 11) / Double(1 << 53) * upper
    }
}
