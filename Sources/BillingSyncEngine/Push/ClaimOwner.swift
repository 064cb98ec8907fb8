import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The identity a pusher claims outbox edits under, and how it tells whether another claim's
/// owner still runs. A claim is a lease: it lapses at `claim_expires_at`, and at once when its
/// owner is known to be gone, so a crashed process never blocks a customer's edits for long.
public struct ClaimOwner: Sendable {
    /// Stored in `outbox.claimed_by`.
    public let id: String
    /// False when the owner named by a claim is known to have stopped (a crash releases its claims).
    public let isAlive: @Sendable (String) -> Bool

    /// Creates an owner.
    public init(id: String, isAlive: @escaping @Sendable (String) -> Bool) {
        self.id = id
        self.isAlive = isAlive
    }

    /// This process: `pid:<pid>:<start time>@<host>`, with a random suffix so two pushers of one
    /// process never share a claim. Another owner of this host is alive while a process with its
    /// pid exists (`kill(pid, 0)`) with the same start time (`/proc/<pid>/stat`, when readable);
    /// owners of other hosts count as alive (their leases still lapse).
    public static let currentProcess: ClaimOwner = {
        let pid = getpid()
        let host = ProcessInfo.processInfo.hostName
        let start = processStartTime(pid) ?? "0"
        let id = "pid:\(pid):\(start)@\(host)#\(UUID().uuidString.prefix(8).lowercased())"
        return ClaimOwner(id: id) { other in isProcessAlive(owner: other, localHost: host) }
    }()

    /// A new owner in this process (e.g. a second pusher in one process, or a test).
    public static func distinctInThisProcess() -> ClaimOwner {
        let base = currentProcess.id.split(separator: "#").first.map(String.init) ?? currentProcess.id
        return ClaimOwner(id: "\(base)#\(UUID().uuidString.prefix(8).lowercased())", isAlive: currentProcess.isAlive)
    }

    static func isProcessAlive(owner: String, localHost: String) -> Bool {
        // pid:<pid>:<start>@<host>#<suffix>
        let withoutSuffix = owner.split(separator: "#", maxSplits: 1).first.map(String.init) ?? owner
        let parts = withoutSuffix.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, String(parts[1]) == localHost else { return true }
        let fields = parts[0].split(separator: ":")
        guard fields.count == 3, fields[0] == "pid", let pid = Int32(fields[1]) else { return true }
        // ESRCH: no such process. EPERM: it exists, run by another user.
        if kill(pid, 0) != 0, errno == ESRCH { return false }
        // A reused pid has another start time. When /proc hides it (ProtectProc=invisible for
        // another user's process), it counts as alive: its lease still lapses.
        guard let start = processStartTime(pid) else { return true }
        return start == String(fields[2])
    }

    /// Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot); nil when no such process.
    static func processStartTime(_ pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may contain spaces) start with field 3.
        let rest = text[text.index(after: close)...].split(separator: " ")
        return rest.count > 19 ? String(rest[19]) : nil
    }
}
