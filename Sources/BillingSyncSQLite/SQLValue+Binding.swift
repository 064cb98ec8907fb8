import CBillingSyncSQLite

extension SQLValue {
    /// Binds this value to parameter `index` (1-based) of the prepared statement `statement`;
    /// returns SQLite's result code. Every binding of the project goes through here: the
    /// connection's statements, and the bench's bare C API loops.
    public func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .null:
            return sqlite3_bind_null(statement, index)
        case .integer(let integer):
            return sqlite3_bind_int64(statement, index, integer)
        case .real(let real):
            return sqlite3_bind_double(statement, index, real)
        case .text(var text):
            return text.withUTF8 { bytes in
                // An empty buffer may have no base address; a NULL pointer would bind NULL, not ''.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return "".withCString { billingsync_bind_text(statement, index, $0, 0) }
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    billingsync_bind_text(statement, index, $0, Int32(bytes.count))
                }
            }
        case .blob(let bytes):
            if bytes.isEmpty { return sqlite3_bind_zeroblob(statement, index, 0) }
            return bytes.withUnsafeBytes { billingsync_bind_blob(statement, index, $0.baseAddress, Int32($0.count)) }
        }
    }
}
