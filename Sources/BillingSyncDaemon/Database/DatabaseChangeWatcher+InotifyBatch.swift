#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
extension DatabaseChangeWatcher {
    /// What one drained batch of inotify events amounts to.
    struct Batch {
        var hint = false
        var watchGone = false

        /// Adds the `struct inotify_event` records in `bytes` (16-byte header, then `len` bytes
        /// of NUL-padded name).
        mutating func add(_ bytes: ArraySlice<UInt8>, names: Set<String>) {
            let header = MemoryLayout<inotify_event>.size
            var offset = bytes.startIndex
            while offset + header <= bytes.endIndex {
                let mask = Self.uint32(bytes, at: offset + 4)
                let length = Int(Self.uint32(bytes, at: offset + 12))
                let nameEnd = min(offset + header + length, bytes.endIndex)
                let nameBytes = bytes[(offset + header)..<nameEnd].prefix { $0 != 0 }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { hint = true }
                if mask & UInt32(IN_IGNORED) != 0 {
                    hint = true
                    watchGone = true
                }
                if mask & DatabaseChangeWatcher.changeMask != 0,
                   names.contains(String(decoding: nameBytes, as: UTF8.self)) {
                    hint = true
                }
                offset = nameEnd
            }
        }

        private static func uint32(_ bytes: ArraySlice<UInt8>, at offset: Int) -> UInt32 {
            var value: UInt32 = 0
            withUnsafeMutableBytes(of: &value) { raw in
                for index in 0..<4 { raw[index] = bytes[offset + index] }
            }
            return value
        }
    }
}
#endif
