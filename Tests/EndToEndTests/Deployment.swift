import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// `systemd/install.sh --root DIR` run into a temporary root, the installed configuration edited
/// the way an operator does (tenant, client, endpoints of the emulator), the secrets put in
/// place root:root 0600, and what systemd does at start: the state directory (`StateDirectory=`,
/// 0750 user:group) and the credentials directory (`LoadCredential=`, files 0400 of the user).
struct Deployment {
    let root: String
    let user: SystemUser
    let emulator: PartnerCenterEmulator

    var binary: String { root + "/usr/bin/billing-sync" }
    var configDirectory: String { root + "/etc/billing-sync" }
    var configPath: String { configDirectory + "/billing-sync.toml" }
    var stateDirectory: String { root + "/var/lib/billing-sync" }
    var databasePath: String { stateDirectory + "/billing-sync.sqlite" }
    var credentialsDirectory: String { root + "/run/credentials/billing-sync.service" }
    /// The environment systemd gives the service.
    var serviceEnvironment: [String: String] { ["CREDENTIALS_DIRECTORY": credentialsDirectory] }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Installs into a new root for a new daemon user, against `emulator`.
    static func install(emulator: PartnerCenterEmulator) async throws -> Deployment {
        let root = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-root")
        chmod(root, 0o755)
        let user = try await SystemUser.create(prefix: "bsd")
        let deployment = Deployment(root: root, user: user, emulator: emulator)
        try await SystemUser.command("/bin/sh", [repository.path + "/systemd/install.sh", "--root", root, "--group", user.name,
                                           "--binary", try BillingSyncProcess.executableURL().path])
        try deployment.operatorEditsConfiguration()
        try deployment.operatorInstallsSecrets()
        try deployment.systemdStartsService()
        return deployment
    }

    /// Sets the tenant and client, and points the example at the emulator and this root; edits
    /// the file in place (as an editor does), keeping its owner and mode.
    func operatorEditsConfiguration() throws {
        let credentials = emulator.configuration.credentials
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
            .replacingOccurrences(of: "/var/lib/billing-sync/billing-sync.sqlite", with: databasePath)
            .replacingOccurrences(of: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", with: emulator.configuration.tenantID)
            .replacingOccurrences(of: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", with: credentials.clientID)
            .replacingOccurrences(of: "[partner_center]\n",
                                  with: "[partner_center]\nbase_url = \"\(emulator.baseURL)\"\ntoken_url = \"\(emulator.tokenURL)\"\n")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: configPath))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// `install -m 0600 /dev/stdin /etc/billing-sync/client_secret` and the same for the refresh token.
    func operatorInstallsSecrets() throws {
        let credentials = emulator.configuration.credentials
        for (name, value) in [("client_secret", credentials.clientSecret), ("refresh_token", credentials.refreshToken)] {
            let path = configDirectory + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    /// `StateDirectory=billing-sync` with `StateDirectoryMode=0750`, and `LoadCredential=` copies.
    func systemdStartsService() throws {
        for directory in [stateDirectory, credentialsDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            chmod(root + "/var", 0o755)
            chmod(root + "/var/lib", 0o755)
            chmod(root + "/run", 0o755)
            chmod(root + "/run/credentials", 0o755)
        }
        chown(stateDirectory, user.uid, user.gid)
        chmod(stateDirectory, 0o750)
        for name in ["client_secret", "refresh_token"] {
            let copy = credentialsDirectory + "/" + name
            try FileManager.default.copyItem(atPath: configDirectory + "/" + name, toPath: copy)
            chown(copy, user.uid, user.gid)
            chmod(copy, 0o400)
        }
        chown(credentialsDirectory, user.uid, user.gid)
        chmod(credentialsDirectory, 0o500)
    }

    /// Owner, group and permission bits of a file.
    static func mode(_ path: String) -> (uid: UInt32, gid: UInt32, mode: UInt32)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_uid, status.st_gid, UInt32(status.st_mode) & 0o7777)
    }

    func remove() {
        user.remove()
    }
}
