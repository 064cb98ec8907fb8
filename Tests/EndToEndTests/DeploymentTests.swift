import BillingSyncDaemon
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// The install steps (`systemd/install.sh`, quoted in docs/install-from-source.md) into a temporary root, then the real binary
/// as the unprivileged service user and as a reporting user of its group. Needs root (CI runs
/// as root) to create the users and drop privileges.
@Suite("install and run without privileges", .serialized,
       .enabled(if: SystemUser.canCreate, "needs root with useradd and setpriv to create users and drop privileges"))
struct DeploymentTests {
    static func withDeployment(_ body: (Deployment) async throws -> Void) async throws {
        let emulator = try await PartnerCenterEmulator.start(EmulatorConfiguration(customerCount: 12, seed: 3))
        let deployment: Deployment
        do { deployment = try await Deployment.install(emulator: emulator) } catch {
            try? await emulator.shutdown()
            throw error
        }
        defer { deployment.remove() }
        do { try await body(deployment) } catch {
            try? await emulator.shutdown()
            throw error
        }
        try await emulator.shutdown()
    }

    @Test("install.sh: config 0750/0640 root:group, secrets root 0600; the daemon as the service user reads its config, secrets from $CREDENTIALS_DIRECTORY, writes the database 0640")
    func daemonRunsAsTheServiceUser() async throws {
        try await Self.withDeployment { deployment in
            let user = deployment.user
            #expect(Deployment.mode(deployment.configDirectory).map { [$0.uid, $0.gid, $0.mode] } == [0, user.gid, 0o750])
            #expect(Deployment.mode(deployment.configPath).map { [$0.uid, $0.gid, $0.mode] } == [0, user.gid, 0o640])
            #expect(Deployment.mode(deployment.configDirectory + "/client_secret").map { [$0.uid, $0.gid, $0.mode] } == [0, 0, 0o600])
            #expect(Deployment.mode(deployment.binary)?.mode == 0o755)

            // The service user cannot read the secrets themselves, only systemd's copies.
            let peek = try await CLIRunner.run([deployment.configDirectory + "/client_secret"], in: deployment.root,
                                               executable: "/bin/cat", launcher: user.launcher)
            #expect(peek.status != 0, "the service user must not read /etc/billing-sync/client_secret")

            let daemon = try BillingSyncProcess(arguments: ["run", "--config", deployment.configPath],
                                                environment: deployment.serviceEnvironment,
                                                logPath: deployment.root + "/daemon.log",
                                                executable: URL(fileURLWithPath: deployment.binary), launcher: user.launcher)
            defer { daemon.terminateIfRunning() }
            let health = HealthFile(databasePath: deployment.databasePath)
            var healthy = false
            for _ in 0..<300 where !healthy {
                healthy = (try? health.read())?.state == "healthy"
                    && ((try? StoreReader(path: deployment.databasePath).read { try $0.counts().activeCustomers }) == 12)
                if !healthy { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(healthy, "the daemon did not mirror as the service user:\n\(daemon.output)")
            for file in [deployment.databasePath, health.path] {
                let mode = Deployment.mode(file)
                #expect(mode.map { [$0.uid, $0.gid, $0.mode] } == [user.uid, user.gid, 0o640], "\(file)")
            }
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0, "\(daemon.output)")

            // An upgrade (the script again) keeps the edited configuration, its owner and mode.
            try await SystemUser.command("/bin/sh", [Deployment.repository.path + "/systemd/install.sh", "--root", deployment.root,
                                               "--group", user.name, "--binary", try BillingSyncProcess.executableURL().path])
            #expect(try String(contentsOfFile: deployment.configPath, encoding: .utf8).contains(deployment.emulator.baseURL))
            #expect(Deployment.mode(deployment.configPath).map { [$0.uid, $0.gid, $0.mode] } == [0, user.gid, 0o640])
        }
    }

    @Test("a reporting user in the group runs status, history, conflicts and db info without the secrets")
    func reportingUserNeedsNoSecrets() async throws {
        try await Self.withDeployment { deployment in
            let sync = try await CLIRunner.run(["sync", "--once", "--config", deployment.configPath], in: deployment.root,
                                               environment: deployment.serviceEnvironment, executable: deployment.binary,
                                               launcher: deployment.user.launcher)
            #expect(sync.status == 0, "\(sync)")
            let reader = try await SystemUser.create(prefix: "bsr", groups: [deployment.user.name])
            defer { reader.remove() }
            let customer = try #require(await deployment.emulator.state.customerIDs().first)
            let commands: [[String]] = [
                ["status", "--config", deployment.configPath],
                ["status", "--json", "--database", deployment.databasePath],
                ["history", customer.rawValue, "--config", deployment.configPath],
                ["conflicts", "--database", deployment.databasePath],
                ["db", "info", "--config", deployment.configPath],
            ]
            for command in commands {
                let result = try await CLIRunner.run(command, in: deployment.root, executable: deployment.binary,
                                                     launcher: reader.launcher)
                // `status` is a check: no daemon runs here, so it exits 2 (down) or 3 (unknown).
                let expected: Set<Int32> = command[0] == "status" ? [2, 3] : [0]
                #expect(expected.contains(result.status), "\(command.joined(separator: " ")): \(result)")
            }
            let status = try await CLIRunner.run(["status", "--config", deployment.configPath], in: deployment.root,
                                                 executable: deployment.binary, launcher: reader.launcher)
            #expect(status.stdout.contains("customers: 12 active"), "\(status)")
            // …while anything that needs the secrets is refused to that user.
            let refused = try await CLIRunner.run(["sync", "--once", "--config", deployment.configPath], in: deployment.root,
                                                  executable: deployment.binary, launcher: reader.launcher)
            #expect(refused.status != 0 && refused.stderr.contains("client_secret"), "\(refused)")
        }
    }
}
