import BillingSyncEngine
import PartnerCenterModels

/// What one seed's world emphasises (swarm testing): every seed draws its own weights from its
/// own stream, so that some seeds never crash, some meet almost nothing but 429s, some stop for
/// months, and rare combinations of faults are reached that one fixed mix would seldom produce.
struct SimulationSwarm: Sendable, CustomStringConvertible {
    /// Probability that a delivered request meets a fault.
    var faultRate: Double
    /// When true, nine faults in ten are 429s (a tenant whose budget other tools spend).
    var throttleHeavy: Bool
    /// Probability per step that the daemon crashes.
    var crashRate: Double
    /// Probability per step that the feed carries a record that changes nothing.
    var noiseRate: Double
    /// Probability per step that the daemon is stopped for longer than the feed reaches back.
    var longStopRate: Double
    /// Probability that a daemon's write transaction meets a storage fault (busy, full, I/O error).
    var storageFaultRate: Double
    /// `[push] address_validation` of every process of the world: `require` in about a third of
    /// the seeds, `warn` in a quarter, `off` in the rest (the workload then edits addresses so
    /// that the address service answers every status, and reviews what waits).
    var addressValidation: AddressValidationPolicy
    /// When true, the address service answers in its older contract (empty 200, 400-2007).
    var legacyAddressContract: Bool
    /// When true, a PUT with a stale ETag is answered 400 with code 2055 instead of 412 (both
    /// documented; the pusher must treat them alike).
    var staleETagAs2055: Bool

    init(seed: UInt64, options: SimulationOptions) {
        var rng = SeededGenerator(seed: seed ^ 0x5357_4152_4D5F_4D49)
        func uniform(_ upTo: Double) -> Double { Double(rng.next() >> 11) / Double(1 << 53) * upTo }
        faultRate = options.faultRate * uniform(2)
        throttleHeavy = rng.roll(0.1)
        crashRate = rng.roll(0.25) ? 0 : options.crashRate * uniform(2)
        noiseRate = uniform(0.03)
        longStopRate = rng.roll(0.3) ? options.longStopRate : 0
        storageFaultRate = rng.roll(0.3) ? uniform(options.storageFaultRate * 2) : 0
        // Drawn last, so the other weights of a seed are what they were before these existed.
        let policy = uniform(1)
        addressValidation = policy < options.requireShare ? .require : policy < options.requireShare + options.warnShare ? .warn : .off
        legacyAddressContract = addressValidation != .off && rng.roll(0.2)
        staleETagAs2055 = rng.roll(0.3)
    }

    var description: String {
        "swarm: faults \(Int(faultRate * 1000))‰\(throttleHeavy ? " (mostly 429)" : ""), crashes \(Int(crashRate * 1000))‰, "
            + "noise \(Int(noiseRate * 1000))‰, long stops \(Int(longStopRate * 1000))‰, "
            + "storage faults \(Int(storageFaultRate * 1000))‰ of writes, "
            + "address_validation = \(addressValidation.rawValue)\(legacyAddressContract ? " (older contract)" : ""), "
            + "stale ETag answered \(staleETagAs2055 ? "400/2055" : "412")"
    }
}
