#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Metrics
import Synchronization

/// The standard `process_*` metrics (as the Prometheus client libraries export them), read from
/// `/proc/self` on Linux; elsewhere nothing is recorded.
final class ProcessMetrics: Sendable {
    private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    private let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
    private let cpu = FloatingPointCounter(label: MetricNames.Process.cpuSecondsTotal)
    private let lastCPU = Mutex(0.0)

    /// Reads and records the current values.
    func sample() {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return }
        // Fields after the command name, starting at field 3 (state).
        let fields = stat[stat.index(after: close)...].split(separator: " ").map(String.init)
        func field(_ number: Int) -> Double? { fields.indices.contains(number - 3) ? Double(fields[number - 3]) : nil }
        if let utime = field(14), let stime = field(15) {
            let total = (utime + stime) / ticksPerSecond
            let previous = lastCPU.withLock { last in
                defer { last = total }
                return last
            }
            if total > previous { cpu.increment(by: total - previous) }
        }
        if let vsize = field(23) { Gauge(label: MetricNames.Process.virtualMemoryBytes).record(vsize) }
        if let rss = field(24) { Gauge(label: MetricNames.Process.residentMemoryBytes).record(rss * pageSize) }
        if let start = field(22), let boot = Self.bootTime() {
            Gauge(label: MetricNames.Process.startTimeSeconds).record(boot + start / ticksPerSecond)
        }
        if let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            Gauge(label: MetricNames.Process.openFDs).record(fds.count)
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            Gauge(label: MetricNames.Process.maxFDs).record(Double(limit.rlim_cur))
        }
    }

    /// `btime` of `/proc/stat`: the Unix time the system booted.
    static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
