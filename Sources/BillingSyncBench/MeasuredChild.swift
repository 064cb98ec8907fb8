import CChildProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `billing_sync_spawn` (`posix_spawn`) and reaped with `wait4`, so that its own CPU time
/// are known (Foundation's `Process` reaps children itself), and samples its peak RSS.
final class MeasuredChild: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// Where its standard output and standard error go.
    let logPath: String
    /// When it was spawned (`wait(timeout:)` counts from here).
    let started: ContinuousClock.Instant

    /// Starts `executable ARGUMENTS` with this process's environment (minus systemd's sockets),
    /// output appended to `logPath` and standard input from `/dev/null`.
    init(executable: String, arguments: [String], logPath: String) throws {
        self.logPath = logPath
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = nil
        environment["JOURNAL_STREAM"] = nil
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            if input >= 0 { close(input) }
            if log >= 0 { close(log) }
        }
        guard input >= 0, log >= 0 else {
            throw BenchError(.spawnFailed, "cannot open \(logPath) or /dev/null for \(executable): \(String(cString: strerror(errno)))")
        }
        var child: pid_t = 0
        // The spawn the tests use (every other descriptor closed); the child stays in the bench's group.
        let code = billing_sync_spawn(&child, executable, argv, envp, nil, input, log, log, 0)
        guard code == 0 else {
            throw BenchError(.spawnFailed, "cannot start \(executable): \(String(cString: strerror(code)))")
        }
        pid = child
        started = .now
    }

    /// Waits for the child to exit (polling `wait4` every 20 ms), killing it once `timeout` has
    /// passed since it was spawned (or since `since`, for a child stopped long after its start).
    func wait(timeout: Duration, since: ContinuousClock.Instant? = nil) async throws -> ChildUsage {
        let deadline = (since ?? started) + timeout
        var killed = false
        var highWater = 0
        while true {
            highWater = max(highWater, currentPeakRSS() ?? 0)
            var status: Int32 = 0
            var usage = rusage()
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid {
                let wall = started.duration(to: .now)
                return ChildUsage(status: status, killedAfterTimeout: killed, wall: wall, usage: usage, peakRSS: highWater)
            }
            if result < 0 { throw BenchError(.waitFailed, "wait4(\(pid)): \(String(cString: strerror(errno)))") }
            if !killed, ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `VmHWM` of the running child in bytes (nil once it has exited, even before it is reaped).
    /// `ru_maxrss` cannot be used: `posix_spawn` starts the child with the parent's memory
    /// (`CLONE_VM`), and Linux counts the parent's peak into the child's `ru_maxrss` at `exec`.
    func currentPeakRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }

    /// Whether the child has exited (a zombie waiting for `wait`); false while it runs.
    var hasExited: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: end)...].drop { $0 == " " }.first
        return state == "Z" || state == "X"
    }

    /// Sends `signal` to the child.
    func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Everything the child printed so far.
    var output: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }
}

/// How a child ended and what it cost: wall time, CPU seconds and peak RSS (`ru_maxrss`).
struct ChildUsage: Sendable, Codable {
    /// Exit code (0…255), or 128 + signal number when it was killed by a signal.
    let exitCode: Int32
    /// Whether the bench killed it after its timeout.
    let killedAfterTimeout: Bool
    /// Seconds from start to exit.
    let wallSeconds: Double
    /// User plus system CPU seconds.
    let cpuSeconds: Double
    /// Peak resident set size in bytes (`VmHWM` sampled every 20 ms until exit).
    let peakRSSBytes: Int

    /// Several runs of one child taken together: wall and CPU time added, the highest peak, the
    /// first failed run's exit code (0 when all succeeded).
    static func total(_ runs: [ChildUsage]) -> ChildUsage {
        ChildUsage(exitCode: runs.first { !$0.succeeded }?.exitCode ?? 0,
                   killedAfterTimeout: runs.contains { $0.killedAfterTimeout },
                   wallSeconds: runs.reduce(0) { $0 + $1.wallSeconds }, cpuSeconds: runs.reduce(0) { $0 + $1.cpuSeconds },
                   peakRSSBytes: runs.map(\.peakRSSBytes).max() ?? 0)
    }

    private init(exitCode: Int32, killedAfterTimeout: Bool, wallSeconds: Double, cpuSeconds: Double, peakRSSBytes: Int) {
        self.exitCode = exitCode
        self.killedAfterTimeout = killedAfterTimeout
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakRSSBytes = peakRSSBytes
    }

    init(status: Int32, killedAfterTimeout: Bool, wall: Duration, usage: rusage, peakRSS: Int) {
        let signal = status & 0x7f
        exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        self.killedAfterTimeout = killedAfterTimeout
        wallSeconds = wall.seconds
        let cpu = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        cpuSeconds = cpu(usage.ru_utime) + cpu(usage.ru_stime)
        peakRSSBytes = peakRSS
    }

    /// Whether it exited with status 0.
    var succeeded: Bool { exitCode == 0 && !killedAfterTimeout }
}

extension Duration {
    /// Seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
