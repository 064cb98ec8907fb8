import PartnerCenterAPI

extension Backoff {
    /// A jittered delay for `attempt` (0-based), drawn from the engine's `random` (seeded under
    /// the simulation).
    public func delay(attempt: Int, random: RandomSource = RandomSource()) -> Duration {
        .seconds(random.uniform(upTo: ceiling(attempt: attempt).seconds))
    }
}
