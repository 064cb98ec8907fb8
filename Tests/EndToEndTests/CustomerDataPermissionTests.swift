import BillingSyncStore
import BillingSyncTesting
import Foundation
import Testing

/// Customer names, e-mail and postal addresses are never readable by other users, whatever the
/// umask: the real binary run by hand with the common umask 0022 (not systemd's `UMask=0027`).
@Suite("files with customer data under umask 0022")
struct CustomerDataPermissionTests {
    /// Runs the binary with umask 0022, as a login shell usually has it.
    static let launcher = ["/bin/sh", "-c", "umask 0022; exec \"$0\" \"$@\""]

    static func permissions(_ path: String) -> UInt32? { Deployment.mode(path)?.mode }

    @Test("emulator --write-config makes its folders 0750; sync --once writes the database, -wal and -shm 0640, the kept refresh token 0600")
    func syncOnceByHand() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-umask")
        let configFolder = folder + "/state/emu"
        let emulator = try BillingSyncProcess(arguments: ["emulator", "--port", "0", "--customers", "5", "--rotate-refresh-tokens",
                                                          "--write-config", configFolder],
                                              logPath: folder + "/emulator.log", launcher: Self.launcher)
        defer { emulator.terminateIfRunning() }
        let written = try await CLIEmulatorTests.poll(emulator, for: /configuration: (\S+)/, timeout: .seconds(30))
        let config = try #require(written.map { String($0.1) }, "\(emulator.output)")
        for created in [folder + "/state", configFolder] {
            #expect(Self.permissions(created) == 0o750, "\(created)")
        }
        let sync = try await CLIRunner.run(["sync", "--once", "--config", config], in: folder, launcher: Self.launcher)
        #expect(sync.status == 0 && sync.stdout.contains("customers 5,"), "\(sync)")
        let database = configFolder + "/billing-sync.sqlite"
        for file in [database, database + "-wal"] {
            #expect(Self.permissions(file) == 0o640, "\(file)")
        }
        #expect(Self.permissions(database + ".refresh-token") == 0o600)
        // The -shm file lives while a connection is open; SQLite gives it the database's bits.
        let reader = try StoreReader(path: database)
        #expect(try reader.read { try $0.counts() }.activeCustomers == 5)
        #expect(Self.permissions(database + "-shm") == 0o640)
        emulator.signal(SIGTERM)
        _ = try await emulator.waitForExit(timeout: .seconds(10))
    }

    @Test("demo --directory makes the folder 0750 and its database 0640")
    func demoByHand() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-umask")
        let demoFolder = folder + "/demo"
        let demo = try await CLIRunner.run(["demo", "--customers", "10", "--directory", demoFolder], in: folder,
                                           timeout: .seconds(60), launcher: Self.launcher)
        #expect(demo.status == 0, "\(demo)")
        #expect(Self.permissions(demoFolder) == 0o750)
        let database = demoFolder + "/billing-sync.sqlite"
        for file in [database, database + "-wal"] {
            #expect(Self.permissions(file) == 0o640, "\(file)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: demoFolder)
        let readableByOthers = names.filter { (Self.permissions(demoFolder + "/" + $0) ?? 0) & 0o004 != 0 && !$0.hasSuffix(".toml") }
        #expect(readableByOthers.isEmpty, "readable by other users: \(readableByOthers)")
    }
}
