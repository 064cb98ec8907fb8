#if canImport(Glibc)
import Glibc
#endif

/// Where a log handler writes finished lines.
public struct LogOutput: Sendable {
    /// Receives one finished line, without the trailing newline.
    public let write: @Sendable (String) -> Void

    /// Creates an output from a line sink (tests capture lines this way).
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error; each line goes out in a single `write(2)` so concurrent lines never interleave.
    public static let standardError = LogOutput { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
