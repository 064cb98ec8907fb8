import BillingSyncSpawn
import Foundation
import Testing

/// A throwaway system user (and its group of the same name) made with `useradd` for a test that
/// runs billing-sync without privileges; removed with `userdel`. Needs root.
struct SystemUser {
    let name: String
    let uid: UInt32
    let gid: UInt32

    /// True when the tests may create users and drop privileges (CI runs as root).
    static var canCreate: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Creates a system user with a group of its own, also a member of `groups`.
    static func create(prefix: String, groups: [String] = []) async throws -> SystemUser {
        let name = prefix + String(UUID().uuidString.prefix(6)).lowercased()
        var arguments = ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin"]
        if !groups.isEmpty { arguments += ["--groups", groups.joined(separator: ",")] }
        try await Self.command("/usr/sbin/useradd", arguments + [name])
        guard let entry = getpwnam(name) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name]) }
        return SystemUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// Removes the user and its group (in a `defer`, so it waits for `userdel` in place; quick).
    func remove() {
        for (program, arguments) in [("/usr/sbin/userdel", [name]), ("/usr/sbin/groupdel", [name])] {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
            process.waitUntilExit()
        }
    }

    /// `setpriv` to this user (its groups included) with umask 0027, as the unit's `User=`,
    /// `Group=` and `UMask=` do; the program and its arguments follow.
    var launcher: [String] {
        ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--",
         "/bin/sh", "-c", "umask 0027; exec \"$0\" \"$@\""]
    }

    /// Runs a program as root to completion, polling (the test's thread stays free); throws on a
    /// non-zero exit.
    @discardableResult
    static func command(_ program: String, _ arguments: [String]) async throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UUID().uuidString.prefix(8)).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(at: log) }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw HelperCommandError("\(program) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(output)")
        }
        return output
    }
}

/// A failed helper command.
struct HelperCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
