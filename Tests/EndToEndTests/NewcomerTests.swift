import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// What a newcomer following README meets: the example's check, the demo and the emulator
/// leaving a configuration to continue with, `sync --once` with Azure, the shipped binary.
@Suite("following the README")
struct NewcomerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var example: String { repository.appendingPathComponent("config/billing-sync.toml").path }

    @Test("check-config on the example names the missing secret files and how systemd provides them; --skip-secrets checks the rest")
    func checkTheExample() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let full = try await CLIRunner.run(["check-config", Self.example], in: folder)
        #expect(full.status == 1, "\(full)")
        #expect(full.stderr.contains("config/client_secret does not exist"), "\(full)")
        #expect(full.stderr.contains("config/refresh_token does not exist"), "\(full)")
        #expect(full.stderr.contains("LoadCredential=client_secret:/etc/billing-sync/client_secret"), "\(full)")
        #expect(full.stderr.contains("--skip-secrets"), "\(full)")
        let rest = try await CLIRunner.run(["check-config", "--skip-secrets", Self.example], in: folder)
        #expect(rest.status == 0, "\(rest)")
        #expect(rest.stdout.contains("configuration is valid (secret files not checked)"), "\(rest)")
    }

    @Test("sync --once with [azure] enabled mirrors the ARM customers too and prints their counts")
    func syncOnceMirrorsAzure() async throws {
        let account = "1234567:5e1f0c2d-7a4b-4c3d-9e8f-0a1b2c3d4e5f_2019-05-31"
        var emulator = EmulatorConfiguration(customerCount: 3, seed: 5)
        emulator.armBillingAccounts = [account]
        emulator.armCustomersPerAccount = 4
        let fixture = try await DaemonLauncher.start(emulator) { configuration in
            configuration.azure.enabled = true
            configuration.azure.armBaseURL = configuration.partnerCenter.baseURL
            configuration.azure.billingAccounts = [account]
        }
        let result = try await CLIRunner.run(["sync", "--once", "--config", fixture.configPath], in: fixture.environment.folder)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("azure customers 4, added 4, changed 0, removed 0, errors 0"), "\(result)")
        let stored = try StoreReader(path: fixture.databasePath).read { try $0.azureCustomers(account: account) }
        #expect(stored.count == 4)
        try await fixture.shutdown()
    }

    @Test("emulator --write-config DIR leaves a configuration with its secrets; sync --once and status use it")
    func emulatorWritesAConfiguration() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let emulator = try BillingSyncProcess(arguments: ["emulator", "--port", "0", "--customers", "7", "--write-config", folder + "/conf"],
                                              logPath: folder + "/emulator.log")
        defer { emulator.terminateIfRunning() }
        let written = try await CLIEmulatorTests.poll(emulator, for: /configuration: (\S+)/, timeout: .seconds(30))
        let path = try #require(written.map { String($0.1) }, "\(emulator.output)")
        #expect(path == folder + "/conf/billing-sync.toml")
        for secret in ["client-secret", "refresh-token"] {
            #expect(Deployment.mode(folder + "/conf/" + secret)?.mode == 0o600)
        }
        let sync = try await CLIRunner.run(["sync", "--once", "--config", path], in: folder)
        #expect(sync.status == 0 && sync.stdout.contains("customers 7,"), "\(sync)")
        let status = try await CLIRunner.run(["status", "--config", path], in: folder)
        #expect(status.status == 3 && status.stdout.contains("customers: 7 active"), "no daemon ran: exit 3\n\(status)")
        emulator.signal(SIGTERM)
        _ = try await emulator.waitForExit(timeout: .seconds(10))
    }

    @Test("the demo leaves a configuration beside its database for status, history and edit")
    func demoLeavesAConfiguration() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-demo")
        let demo = try await CLIRunner.run(["demo", "--customers", "10", "--directory", folder], in: folder, timeout: .seconds(60))
        #expect(demo.status == 0, "\(demo)")
        let config = folder + "/billing-sync.toml"
        #expect(demo.stdout.contains("billing-sync status --config \(config)"), "\(demo)")
        let status = try await CLIRunner.run(["status", "--config", config], in: folder)
        #expect([2, 3].contains(status.status) && status.stdout.contains("customers: 10 active"), "the demo's daemon has stopped\n\(status)")
        let id = try #require(try StoreReader(path: folder + "/billing-sync.sqlite").read { try $0.customerIDs(includeRemoved: false) }.first)
        let history = try await CLIRunner.run(["history", id.rawValue, "--config", config], in: folder)
        #expect(history.status == 0, "\(history)")
        let edit = try await CLIRunner.run(["edit", id.rawValue, "--set", "defaultAddress.city=Oslo", "--config", config], in: folder)
        #expect(edit.status == 0 && edit.stdout.contains("queued"), "\(edit)")
    }

    @Test("docs/install-from-source.md quotes the steps of systemd/install.sh verbatim (the script the deployment tests run); README links it")
    func readmeQuotesTheInstallScript() throws {
        let script = try String(contentsOf: Self.repository.appendingPathComponent("systemd/install.sh"), encoding: .utf8)
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let guide = try String(contentsOf: Self.repository.appendingPathComponent("docs/install-from-source.md"), encoding: .utf8)
        let start = try #require(script.range(of: "# 1. The program"))
        let end = try #require(script.range(of: "if [ -z \"$root\" ]; then systemctl daemon-reload; fi"))
        let steps = String(script[start.lowerBound..<end.upperBound])
        #expect(guide.contains("```sh\n" + steps + "\n```"), "docs/install-from-source.md's install block differs from systemd/install.sh")
        #expect(readme.contains("sudo systemd/install.sh") && readme.contains("(docs/install-from-source.md)"))
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).count < 200, "README is for users: keep it under 200 lines")
        for topic in ["### Upgrading", "### Credentials that last: renewal", "check-config --skip-secrets", "--database"] {
            #expect(readme.contains(topic), "README lacks \(topic)")
        }
    }

    @Test("the shipped billing-sync binary does not link the test helpers (BillingSyncTesting)")
    func binaryHasNoTestHelpers() throws {
        let binary = try Data(contentsOf: BillingSyncProcess.executableURL())
        #expect(binary.range(of: Data("18BillingSyncTesting".utf8)) == nil, "symbols of BillingSyncTesting in billing-sync")
        #expect(binary.range(of: Data("13EmulatorSetup".utf8)) != nil, "the demo module should be linked")
    }
}
