import PartnerCenterModels

/// The driver's decisions, drawn from the seed's `SeededGenerator`.
extension SeededGenerator {
    /// The driver's generator for `seed` (its own stream, apart from the emulator's data).
    static func simulationDriver(seed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// True with probability `p`.
    mutating func roll(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// An index in `0..<count` (count > 0).
    mutating func index(_ count: Int) -> Int {
        Int(next() % UInt64(max(count, 1)))
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[index(items.count)]
    }
}
