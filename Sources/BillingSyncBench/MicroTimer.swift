/// Times small operations for `micro`: an operation and its baseline are run in alternating
/// rounds (so machine noise hits both alike), each round `iterations` calls after a warm-up; the
/// figure is the median round in nanoseconds per call.
enum MicroTimer {
    /// Nanoseconds per call of `operation` and of `baseline` (medians of `rounds` rounds each).
    /// Both get the call's index and return a number that is kept, so the work is not optimized away.
    static func compare(iterations: Int, rounds: Int = 5, _ operation: (Int) -> Int,
                        against baseline: (Int) -> Int) -> (operation: Double, baseline: Double) {
        let count = max(1, iterations)
        _ = round(max(1, count / 10), operation)
        _ = round(max(1, count / 10), baseline)
        var operationTimes: [Double] = []
        var baselineTimes: [Double] = []
        for _ in 0..<max(1, rounds) {
            operationTimes.append(round(count, operation))
            baselineTimes.append(round(count, baseline))
        }
        return (Percentiles(operationTimes).p50, Percentiles(baselineTimes).p50)
    }

    /// Nanoseconds per call over one round of `count` calls.
    private static func round(_ count: Int, _ body: (Int) -> Int) -> Double {
        let clock = ContinuousClock()
        var sink = 0
        let started = clock.now
        for index in 0..<count { sink &+= body(index) }
        let elapsed = started.duration(to: clock.now)
        keep(sink)
        return elapsed.seconds * 1e9 / Double(count)
    }

    /// Makes `value` observable so the loop computing it is not removed.
    @inline(never)
    private static func keep(_ value: Int) {
        if value == .min { print("") }
    }
}
