/// Nearest-rank percentiles of a set of samples.
struct Percentiles: Sendable {
    private let sorted: [Double]

    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    /// Number of samples.
    var count: Int { sorted.count }

    /// The `p`-th percentile (0…100); 0 for no samples.
    func value(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    var p50: Double { value(50) }
    var p99: Double { value(99) }
    var max: Double { sorted.last ?? 0 }
}
