#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `billing-sync status` as a monitoring check (Nagios plugin convention): what the health file
/// says, how old it is, and whether the daemon that wrote it still runs.
public struct HealthCheck: Sendable, Equatable {
    /// The check's verdict; its raw value is the exit status.
    public enum Verdict: Int32, Sendable, Codable {
        /// 0: the daemon runs and is healthy.
        case healthy = 0
        /// 1: the daemon runs but is not healthy (starting, degraded, unreachable, rate limited, locked, forbidden, credentials expired).
        case degraded = 1
        /// 2: the health file is older than twice its write interval, or its pid is not running.
        case down = 2
        /// 3: no health file, an unreadable one, or a state this build does not know.
        case unknown = 3

        /// `healthy`, `degraded`, `down` or `unknown`.
        public var name: String { String(describing: self) }
    }

    /// The verdict.
    public let verdict: Verdict
    /// Seconds since the daemon last wrote the health file (nil without one).
    public let ageSeconds: Double?
    /// Why, in a few words (e.g. `pid 123 is not running`).
    public let reason: String

    /// The write interval assumed for files from daemons that do not record theirs.
    public static let defaultWriteInterval: Double = 60

    /// Judges `snapshot` (nil: no readable health file) at `now`; `isRunning` tells whether a pid is alive.
    public static func evaluate(_ snapshot: HealthSnapshot?, now: Date = Date(),
                                isRunning: (Int32) -> Bool = HealthCheck.isProcessRunning) -> HealthCheck {
        guard let snapshot else {
            return HealthCheck(verdict: .unknown, ageSeconds: nil, reason: "no health file (the daemon never ran here)")
        }
        let age = max(0, now.timeIntervalSince(snapshot.updatedAt))
        let limit = 2 * (snapshot.writeIntervalSeconds ?? defaultWriteInterval)
        if !isRunning(snapshot.pid) {
            return HealthCheck(verdict: .down, ageSeconds: age, reason: "pid \(snapshot.pid) is not running")
        }
        if age > limit {
            return HealthCheck(verdict: .down, ageSeconds: age,
                               reason: "the health file is \(Int(age))s old (more than twice its \(Int(limit / 2))s write interval)")
        }
        guard let state = snapshot.health else {
            return HealthCheck(verdict: .unknown, ageSeconds: age, reason: "unknown state \(snapshot.state)")
        }
        return state.isHealthy
            ? HealthCheck(verdict: .healthy, ageSeconds: age, reason: "healthy")
            : HealthCheck(verdict: .degraded, ageSeconds: age, reason: state.code)
    }

    /// `kill(pid, 0)`: true unless the process does not exist (EPERM: it exists, owned by another user).
    public static func isProcessRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
