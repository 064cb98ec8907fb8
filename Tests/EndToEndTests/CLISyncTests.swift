import BillingSyncStore
import BillingSyncTesting
import Foundation
import Testing

@Suite("billing-sync sync --once")
struct CLISyncTests {
    @Test("mirrors every customer of the emulator and reports the counts")
    func syncOnce() async throws {
        let cli = try await CLIRunner.start(customers: 17)
        defer { Task { try? await cli.shutdown() } }
        let result = try await cli.run("sync", ["--once"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("customers 17, profiles fetched 17, changed 17, removed 0, errors 0"), "\(result)")
        #expect(result.stdout.contains("edits pushed 0, conflicts 0, rejected 0, failed 0"), "\(result)")

        let (ids, profiles, runs) = try cli.reader().read {
            (try $0.customerIDs(includeRemoved: false), try $0.profiles(try $0.customerIDs(includeRemoved: false)), try $0.recentRuns(limit: 5))
        }
        #expect(Set(ids) == Set(await cli.state.customerIDs()))
        #expect(profiles.count == 17 && profiles.values.allSatisfy { $0.status == .ok && $0.etag != nil })
        #expect(runs.count == 1 && runs.first?.kind == "full" && runs.first?.status == "ok", "\(runs)")

        // A second run finds nothing new.
        let again = try await cli.run("sync", ["--once"])
        #expect(again.status == 0 && again.stdout.contains("customers 17, profiles fetched 17, changed 0"), "\(again)")
    }

    @Test("one customer answering 403 (no commerce relationship): the 38 others are mirrored, exit 2 names it")
    func oneCustomerForbidden() async throws {
        let cli = try await CLIRunner.start(customers: 39)
        defer { Task { try? await cli.shutdown() } }
        let blocked = await cli.state.customerIDs()[7]
        await cli.state.forbidCustomer(blocked, true)
        let result = try await cli.run("sync", ["--once"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("customers 39, profiles fetched 38, changed 38, removed 0, errors 1"), "\(result)")
        #expect(result.stderr.contains(blocked.rawValue) && result.stderr.contains("20002"), "\(result)")
        let profiles = try cli.reader().read { try $0.profiles(try $0.customerIDs(includeRemoved: false)) }
        #expect(profiles.count == 38 && profiles[blocked] == nil)
        // Fetched on the next run once the relationship is back.
        await cli.state.forbidCustomer(blocked, false)
        let again = try await cli.run("sync", ["--once"])
        #expect(again.status == 0, "\(again)")
        #expect(try cli.reader().read { try $0.profile(blocked) }?.status == .ok)
    }

    @Test("without --once it is a usage error pointing at `run`")
    func withoutOnce() async throws {
        let cli = try await CLIRunner.start(customers: 3)
        defer { Task { try? await cli.shutdown() } }
        let result = try await cli.run("sync")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("add --once"), "\(result)")
        #expect(result.stderr.contains("billing-sync run"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath), "a usage error must not touch the database")
    }

    @Test("access forbidden by Partner Center: non-zero exit, the cause named, no stack trace")
    func forbidden() async throws {
        let cli = try await CLIRunner.start(customers: 5)
        defer { Task { try? await cli.shutdown() } }
        await cli.state.forbid(true)
        let result = try await cli.run("sync", ["--once"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("sync failed"), "\(result)")
        #expect(result.stderr.contains("Partner Center forbidden HTTP 403"), "the cause is not named\n\(result)")
        // Progress lines ("listing customers") also go to standard error; the failure is one line.
        #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count == 1, "one clear line expected\n\(result)")
        #expect(result.stderr.split(separator: "\n").last?.hasPrefix("Error: sync failed") == true, "\(result)")
        Self.expectNoCrash(result)
    }

    @Test("a wrong client secret: non-zero exit, the credential problem named, the secret not printed")
    func wrongSecret() async throws {
        let cli = try await CLIRunner.start(customers: 5)
        defer { Task { try? await cli.shutdown() } }
        let wrong = "definitely-not-the-secret-4b1d"
        try FileManager.default.removeItem(atPath: cli.folder + "/client-secret")
        #expect(FileManager.default.createFile(atPath: cli.folder + "/client-secret", contents: Data(wrong.utf8),
                                               attributes: [.posixPermissions: 0o600]))
        let result = try await cli.run("sync", ["--once"])
        #expect(result.status != 0, "\(result)")
        let output = result.stdout + result.stderr
        #expect(result.stderr.contains("Partner Center credential HTTP 401 code invalid_client"), "\(result)")
        #expect(result.stderr.contains("Invalid client secret"), "the credential problem is not named\n\(result)")
        #expect(!output.contains(wrong))
        #expect(!output.contains(cli.environment.emulator.configuration.credentials.refreshToken))
        Self.expectNoCrash(result)
        if FileManager.default.fileExists(atPath: cli.databasePath) {
            #expect(try cli.reader().read { try $0.customerIDs(includeRemoved: true) }.isEmpty)
        }
    }

    /// A failure is one clear message, not a crash report.
    static func expectNoCrash(_ result: CLIRunner.Outcome) {
        #expect(!result.signaled, "\(result)")
        for marker in ["Fatal error", "Stack dump", "Current stack trace", "0x0000"] {
            #expect(!result.stderr.contains(marker), "\(result)")
        }
    }
}
