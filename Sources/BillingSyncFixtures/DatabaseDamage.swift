#if canImport(Glibc)
import Glibc
#endif
import BillingSyncSQLite
import Foundation

/// Damages a real database file the way a failing disk or a stray write would: whole b-tree
/// pages of chosen tables overwritten with garbage, everything else left as it was.
public enum DatabaseDamage {
    /// Checkpoints the WAL into the file (so no newer copy of a page hides the damage), finds the
    /// leaf pages of `tables` with the `dbstat` virtual table, and overwrites every `every`-th of
    /// them entirely with a byte pattern. No connection may be open on the file meanwhile.
    /// - Returns: the page numbers overwritten.
    @discardableResult
    public static func overwriteLeafPages(of tables: [String], in path: String, every: Int = 1) throws -> [Int] {
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.checkpoint(.truncate)
        let pageSize = try connection.scalar(Int.self, "PRAGMA page_size") ?? 4096
        var pages: [Int] = []
        for table in tables {
            let leaves = try connection.query("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])
                .compactMap { $0.int("pageno") }
            pages += leaves.enumerated().filter { $0.offset % max(1, every) == 0 }.map(\.element)
        }
        connection.close()
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        let garbage = [UInt8](repeating: 0xA5, count: pageSize)
        for page in pages {
            let written = garbage.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, pageSize, off_t((page - 1) * pageSize)) }
            guard written == pageSize else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        }
        fsync(descriptor)
        return pages
    }
}
