/// How a ``Connection`` opens its database file.
public enum OpenMode: Sendable {
    /// `SQLITE_OPEN_READONLY`: reads only; the connection is also set `query_only`.
    case readOnly
    /// `SQLITE_OPEN_READWRITE`: the file must already exist.
    case readWrite
    /// `SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE`: creates the file when missing.
    case readWriteCreate
}
