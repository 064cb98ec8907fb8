import BillingSyncTesting
import Foundation
import Testing

@Suite("billing-sync --version, --help and unknown commands")
struct CLIBasicsTests {
    @Test("--version prints the version and exits 0")
    func version() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let result = try await CLIRunner.run(["--version"], in: folder)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: /\d+\.\d+\.\d+/) != nil, "\(result)")
    }

    @Test("--help describes the tool and lists every subcommand")
    func help() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let result = try await CLIRunner.run(["--help"], in: folder)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: billing-sync <subcommand>"))
        #expect(result.stdout.contains("Partner Center"))
        let listed = CLIRunner.helpSubcommands(result.stdout)
        for name in ["demo", "run", "sync", "check-config", "db", "edit"] {
            #expect(listed.contains(name), "\(name) missing from --help:\n\(result.stdout)")
        }
        // Every command also answers its own --help.
        let database = try await CLIRunner.run(["db", "--help"], in: folder)
        #expect(database.status == 0 && database.stdout.contains("migrate") && database.stdout.contains("info"), "\(database)")
    }

    @Test("--help lists status, history, conflicts, resolve and emulator under their documented names")
    func documentedNames() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let help = try await CLIRunner.run(["--help"], in: folder)
        let status = try await CLIRunner.run(["status", "--config", folder + "/none.toml"], in: folder)
        let listed = CLIRunner.helpSubcommands(help.stdout)
        for name in ["status", "history", "conflicts", "resolve", "emulator"] {
            #expect(listed.contains(name), "`billing-sync \(name)` (README) is not a subcommand:\n\(help.stdout)")
        }
        #expect(status.stderr.contains("cannot read the configuration file"), "`status` not recognized:\n\(status)")
    }

    @Test("an unknown subcommand exits non-zero and says what was wrong")
    func unknownSubcommand() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let result = try await CLIRunner.run(["frobnicate"], in: folder)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("frobnicate"), "\(result)")
        #expect(result.stderr.contains("billing-sync --help"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }
}
