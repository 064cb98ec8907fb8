/// What one scenario measured: figures, ratios to its baseline (with the goal), and notes.
struct ScenarioResult: Sendable, Codable {
    /// A measured figure.
    struct Metric: Sendable, Codable {
        let name: String
        let value: Double
        let unit: String
    }

    /// A figure divided by the baseline measured in the same run, and the goal it is held to.
    struct Ratio: Sendable, Codable {
        let name: String
        let value: Double
        /// The goal in words, e.g. `>= 0.8`.
        let goal: String
        /// Whether the goal is met (nil when the ratio has no goal).
        let met: Bool?
    }

    /// Scenario number (1…12).
    let number: Int
    /// Short id, e.g. `initial-load`.
    let id: String
    var metrics: [Metric] = []
    var ratios: [Ratio] = []
    var notes: [String] = []

    init(number: Int, id: String) {
        self.number = number
        self.id = id
    }

    mutating func add(_ name: String, _ value: Double, _ unit: String) {
        metrics.append(Metric(name: name, value: value, unit: unit))
    }

    /// Adds `value` with a lower bound (`atLeast`) or an upper bound (`atMost`) as its goal.
    mutating func ratio(_ name: String, _ value: Double, atLeast: Double? = nil, atMost: Double? = nil) {
        if let atLeast {
            ratios.append(Ratio(name: name, value: value, goal: ">= \(atLeast)", met: value >= atLeast))
        } else if let atMost {
            ratios.append(Ratio(name: name, value: value, goal: "<= \(atMost)", met: value <= atMost))
        } else {
            ratios.append(Ratio(name: name, value: value, goal: "-", met: nil))
        }
    }
}

/// Everything one bench run produced (the `--json` file).
struct BenchReport: Sendable, Codable {
    let startedAt: String
    let scale: String
    let build: String
    let cpus: Int
    var scenarios: [ScenarioResult]
    var failures: [String]
}
