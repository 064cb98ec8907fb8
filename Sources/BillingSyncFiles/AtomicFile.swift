#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Replaces a file atomically and durably: a temporary file in the same directory, `fsync`,
/// `rename(2)` over the old file, then `fsync` of the directory, so a reader (or a crash) sees
/// the old or the new content, never a partial one.
package enum AtomicFile {
    /// A step that failed, with `errno` text.
    package struct Failure: Error {
        /// Which step failed.
        package enum Stage { case write, rename }
        package let stage: Stage
        package let path: String
        package let detail: String
    }

    /// Writes `data` to `path` with `mode` (the process umask may narrow it).
    package static func write(_ data: Data, to path: String, mode: mode_t) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(.write, temporary) }
        let written = data.withUnsafeBytes { buffer in Glibc.write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced else {
            let error = failure(.write, temporary)
            unlink(temporary)
            throw error
        }
        try install(temporary, at: path)
    }

    /// Flushes the finished file `temporary` (in the same directory as `path`) to disk, renames
    /// it over `path` and flushes the directory; on failure `temporary` is removed and `path`
    /// keeps its old content.
    package static func install(_ temporary: String, at path: String) throws(Failure) {
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        let synced = descriptor >= 0 && fsync(descriptor) == 0
        if descriptor >= 0 { close(descriptor) }
        guard synced else {
            let error = failure(.write, temporary)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(.rename, path)
            unlink(temporary)
            throw error
        }
        let directory = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                             O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    private static func failure(_ stage: Failure.Stage, _ path: String) -> Failure {
        Failure(stage: stage, path: path, detail: String(cString: strerror(errno)))
    }
}
