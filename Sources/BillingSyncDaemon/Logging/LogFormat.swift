#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// ``journal`` when stderr is connected to the journal, ``text`` otherwise.
    case auto
    /// `<N>message key=value` for systemd-journald (``JournalLogHandler``).
    case journal
    /// Timestamped human-readable lines (``TextLogHandler``).
    case text
    /// One JSON object per line (``TextLogHandler`` with the `.json` style).
    case json

    /// ``journal`` or ``text``; `auto` checks `$JOURNAL_STREAM` against stderr as `systemd.exec(5)` advises.
    public func resolved(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        standardErrorDescriptor: Int32 = STDERR_FILENO
    ) -> LogFormat {
        guard self == .auto else { return self }
        guard let stream = environment["JOURNAL_STREAM"], !stream.isEmpty else { return .text }
        return Self.descriptor(standardErrorDescriptor, matches: stream) ? .journal : .text
    }

    /// True when `$JOURNAL_STREAM` (`device:inode`) names the file behind `descriptor`.
    static func descriptor(_ descriptor: Int32, matches journalStream: String) -> Bool {
        let parts = journalStream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
