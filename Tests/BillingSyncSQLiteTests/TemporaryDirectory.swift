import Foundation

/// Runs `body` with a fresh temporary directory that is removed afterwards.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("billing-sync-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Runs `body` with the path of a (not yet existing) database file in a fresh temporary directory.
func withTemporaryDatabase<Result>(_ body: (String) throws -> Result) throws -> Result {
    try withTemporaryDirectory { directory in
        try body(directory.appendingPathComponent("test.db").path)
    }
}

/// The size of a file in bytes, or `nil` when it does not exist.
func fileSize(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
}
