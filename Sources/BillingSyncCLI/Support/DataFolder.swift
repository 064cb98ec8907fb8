import Foundation

/// A folder that billing-sync creates for a database and its secrets (`demo --directory`,
/// `emulator --write-config`): mode 0750 whatever the umask, so other users cannot reach the
/// customer data inside (the database itself is 0640). A folder that already exists keeps its mode.
enum DataFolder {
    /// Creates `path` and any missing parents, each 0750.
    static func create(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o750])
    }
}
