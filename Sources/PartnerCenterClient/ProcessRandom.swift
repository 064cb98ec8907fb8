import Synchronization

/// The process's source of request ids and back-off jitter in production: SplitMix64 over one
/// atomic state, seeded once from the system's generator. Neither ids nor jitter need
/// cryptographic randomness, and a system call per number (four per request) cost about 1 % of
/// a load's CPU. Lock-free: any thread draws at once.
enum ProcessRandom {
    private static let state = Atomic<UInt64>({
        var system = SystemRandomNumberGenerator()
        return system.next()
    }())

    /// The next number.
    static func next() -> UInt64 {
        let (_, advanced) = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed)
        var z = advanced
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
