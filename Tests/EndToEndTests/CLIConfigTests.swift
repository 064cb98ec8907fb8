import BillingSyncStore
import BillingSyncTesting
import Foundation
import Testing

@Suite("billing-sync check-config and db migrate|info")
struct CLIConfigTests {
    /// The example configuration shipped in the repository.
    static let shippedExample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/billing-sync.toml").path

    static let clientSecret = "cli-test-client-secret-7f3a91"
    static let refreshToken = "cli-test-refresh-token-0c2e58"

    /// A folder with the two secret files the example names, as systemd's LoadCredential= provides them.
    static func credentialsFolder() throws -> String {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        for (name, value) in [("client_secret", clientSecret), ("refresh_token", refreshToken + "\n")] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(value.utf8),
                                                   attributes: [.posixPermissions: 0o600]))
        }
        return folder
    }

    @Test("the shipped example is valid: effective settings printed, secrets redacted")
    func shippedExample() async throws {
        let folder = try Self.credentialsFolder()
        let result = try await CLIRunner.run(["check-config", Self.shippedExample], in: folder,
                                             environment: ["CREDENTIALS_DIRECTORY": folder])
        #expect(result.status == 0, "\(result)")
        for line in ["[database]", #"path = "/var/lib/billing-sync/billing-sync.sqlite""#, "[partner_center]",
                     #"tenant_id = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f""#, "page_size = 500", "[push]", "max_attempts = 5",
                     "# effective base URL: https://api.partnercenter.microsoft.com", "configuration is valid"] {
            #expect(result.stdout.contains(line), "missing \(line)\n\(result)")
        }
        #expect(result.stdout.contains("client secret: <redacted> (from \(folder)/client_secret"), "\(result)")
        #expect(result.stdout.contains("refresh token: <redacted> (from \(folder)/refresh_token"), "\(result)")
        let everything = result.stdout + result.stderr
        #expect(!everything.contains(Self.clientSecret))
        #expect(!everything.contains(Self.refreshToken))
    }

    @Test("without the credentials the example is refused, naming the secret files")
    func missingCredentials() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli")
        let result = try await CLIRunner.run(["check-config", Self.shippedExample], in: folder)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("partner_center.client_secret_file"), "\(result)")
        #expect(result.stderr.contains("partner_center.refresh_token_file"), "\(result)")
    }

    @Test("an unknown key and a wrong type are errors naming the key and its line")
    func brokenConfiguration() async throws {
        let folder = try Self.credentialsFolder()
        var lines = try String(contentsOfFile: Self.shippedExample, encoding: .utf8).components(separatedBy: "\n")
        let pageSize = try #require(lines.firstIndex(of: "page_size = 500"))
        lines[pageSize] = #"page_size = "lots""#
        let batchSize = try #require(lines.firstIndex(of: "batch_size = 200"))
        lines.insert("batch_szie = 300", at: batchSize + 1)
        let path = folder + "/broken.toml"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let result = try await CLIRunner.run(["check-config", path], in: folder, environment: ["CREDENTIALS_DIRECTORY": folder])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("\(path):\(pageSize + 1): sync.page_size: expected an integer"), "\(result)")
        #expect(result.stderr.contains("\(path):\(batchSize + 2): sync.batch_szie: unknown key"), "\(result)")
        #expect(result.stderr.contains(#"did you mean "batch_size""#), "\(result)")
        #expect(!result.stdout.contains("configuration is valid"), "\(result)")
    }

    @Test("db migrate creates the database; db info shows the schema version and row counts")
    func migrateAndInfo() async throws {
        let cli = try await CLIRunner.start(customers: 5)
        defer { Task { try? await cli.shutdown() } }
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))

        let migrate = try await cli.run("db migrate")
        #expect(migrate.status == 0, "\(migrate)")
        #expect(FileManager.default.fileExists(atPath: cli.databasePath))
        #expect(migrate.stdout.contains("\(cli.databasePath): schema version \(StoreSchema.currentVersion)"), "\(migrate)")

        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.status == 0, "\(sync)")
        let info = try await cli.run("db info")
        #expect(info.status == 0, "\(info)")
        #expect(info.stdout.contains("database:       \(cli.databasePath)"), "\(info)")
        #expect(info.stdout.contains("schema version: \(StoreSchema.currentVersion) (this billing-sync: \(StoreSchema.currentVersion))"), "\(info)")
        for (table, rows) in [("customers", 5), ("billing_profiles", 5), ("outbox", 0), ("conflicts", 0), ("sync_runs", 1)] {
            #expect(info.stdout.contains(try Regex("\\n  \(table) +\(rows)\\n")), "\(table) \(rows) missing\n\(info)")
        }
    }

    @Test("db info names every table in full")
    func infoTableNames() async throws {
        let cli = try await CLIRunner.start(customers: 3)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("db migrate").status == 0)
        let info = try await cli.run("db info")
        let tables = try cli.reader().info().tables.map(\.table)
        let long = tables.filter { $0.count > 22 }
        // Only the Azure tables (schema 2) have names this long; without them there is nothing to show.
        guard !long.isEmpty else { return }
        for table in long { #expect(info.stdout.contains(" \(table) "), "\(table) not shown in full\n\(info)") }
    }

    @Test("db info on a missing database fails with a clear error and creates nothing")
    func infoOnMissingDatabase() async throws {
        let cli = try await CLIRunner.start(customers: 3)
        defer { Task { try? await cli.shutdown() } }
        let info = try await cli.run("db info")
        #expect(info.status != 0, "\(info)")
        #expect(info.stderr.contains("no database at \(cli.databasePath)"), "\(info)")
        #expect(!info.stderr.contains("Fatal error"), "\(info)")
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }
}
