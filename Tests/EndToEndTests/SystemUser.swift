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
    static func create(prefix: String, groups: [String] = []) throws -> SystemUser {
        let name = prefix + String(UUID().uuidString.prefix(6)).lowercased()
        var arguments = ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin"]
        if !groups.isEmpty { arguments += ["--groups", groups.joined(separator: ",")] }
        try Self.command("/usr/sbin/useradd", arguments + [name])
        guard let entry = getpwnam(name) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name]) }
        return SystemUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// Removes the user and its group.
    func remove() {
        _ = try? Self.command("/usr/sbin/userdel", [name])
        _ = try? Self.command("/usr/sbin/groupdel", [name])
    }

    /// `setpriv` to this user (its groups included) with umask 0027, as the unit's `User=`,
    /// `Group=` and `UMask=` do; the program and its arguments follow.
    var launcher: [String] {
        ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--",
         "/bin/sh", "-c", "umask 0027; exec \"$0\" \"$@\""]
    }

    /// Runs a program as root to completion; throws on a non-zero exit.
    @discardableResult
    static func command(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
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
