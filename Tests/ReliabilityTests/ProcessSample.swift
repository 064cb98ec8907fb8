import Foundation

/// Resident memory and open file descriptors of a process, read from `/proc`.
struct ProcessSample: Sendable {
    /// Seconds since the soak started.
    let elapsed: Double
    /// `VmRSS` in KiB.
    let residentKiB: Int
    /// Entries in `/proc/<pid>/fd`.
    let openFiles: Int

    /// Reads the sample of `pid`; nil once the process is gone.
    static func read(pid: Int32, elapsed: Double) -> ProcessSample? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]),
              let files = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return nil }
        return ProcessSample(elapsed: elapsed, residentKiB: kib, openFiles: files.count)
    }
}

extension Array where Element == ProcessSample {
    /// The median of `value` over the samples in the fraction `range` of the run.
    func median(in range: ClosedRange<Double>, _ value: (ProcessSample) -> Int) -> Int? {
        guard let end = last?.elapsed, end > 0 else { return nil }
        let values = filter { range.contains($0.elapsed / end) }.map(value).sorted()
        return values.isEmpty ? nil : values[values.count / 2]
    }
}
