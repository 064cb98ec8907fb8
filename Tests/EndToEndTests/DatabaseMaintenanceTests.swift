import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

/// `billing-sync db check`, `db backup` and `db recover`, and the restore sequence of
/// docs/operations.md, with the real binary on real files.
@Suite("db check, backup, recover and restore", .serialized)
struct DatabaseMaintenanceTests {
    /// Customers of the backup-under-load test: its `sync --once` (debug build) writes for a few
    /// seconds, long enough for several backups to land in the middle of it.
    static let loadCustomers = 3000

    static func json(_ outcome: CLIRunner.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome)")
    }

    /// Every row of `table`, every column, in rowid order.
    static func rows(_ table: String, _ path: String, where condition: String = "1") throws -> [[SQLValue]] {
        let connection = try Connection(path: path, mode: .readOnly)
        defer { connection.close() }
        return try connection.query("SELECT * FROM \(table) WHERE \(condition) ORDER BY rowid").map(\.values)
    }

    static func insertEdit(_ path: String, _ customer: CustomerID, _ patch: String) throws {
        var options = ConnectionOptions()
        options.busyTimeout = .seconds(10)
        let connection = try Connection(path: path, mode: .readWrite, options: options)
        defer { connection.close() }
        try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)", [customer.rawValue, patch])
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("db check: exit 0 on a sound file, 2 naming the problem on one with overwritten pages, 3 without a file")
    func check() async throws {
        let cli = try await CLIRunner.start(customers: 40)
        #expect(try await cli.run("sync --once").status == 0)
        let good = try await CLIRunner.run(["db", "check", "--database", cli.databasePath], in: cli.folder)
        #expect(good.status == 0 && good.stdout.contains("integrity_check ok"), "\(good)")
        let goodJSON = try Self.json(try await cli.run("db check", ["--json"]))
        #expect(goodJSON["verdict"] as? String == "ok" && goodJSON["exitCode"] as? Int == 0)

        let damaged = cli.folder + "/damaged.sqlite"
        // A copy with everything in one file (the live database may still hold pages in its WAL).
        #expect(try await cli.run("db backup", [damaged]).status == 0)
        #expect(try !DatabaseDamage.overwriteLeafPages(of: ["billing_profiles"], in: damaged).isEmpty)
        let bad = try await CLIRunner.run(["db", "check", "--database", damaged], in: cli.folder)
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stdout.contains("DAMAGED") && (bad.stdout.contains("page") || bad.stdout.contains("SQLITE_CORRUPT")), "\(bad)")
        let badJSON = try Self.json(try await CLIRunner.run(["db", "check", "--quick", "--json", "--database", damaged], in: cli.folder))
        #expect(badJSON["verdict"] as? String == "damaged" && badJSON["check"] as? String == "quick_check")
        #expect((badJSON["problems"] as? [String])?.isEmpty == false)
        // status --json on the damaged file: a JSON document naming the error, not a bare failure.
        let status = try await CLIRunner.run(["status", "--json", "--database", damaged], in: cli.folder)
        #expect(status.status != 0, "\(status)")
        let statusJSON = try Self.json(status)
        #expect((statusJSON["databaseError"] as? String)?.contains("SQLITE_CORRUPT") == true, "\(status)")
        #expect(statusJSON["check"] != nil && statusJSON["customers"] == nil && statusJSON["runs"] == nil, "\(status)")
        let missing = try await CLIRunner.run(["db", "check", "--database", cli.folder + "/none.sqlite"], in: cli.folder)
        #expect(missing.status == 3, "\(missing)")

        // A backup of the damaged file fails its check and never replaces the good backup.
        let kept = cli.folder + "/good-backup.sqlite"
        #expect(try await cli.run("db backup", [kept]).status == 0)
        let before = FileManager.default.contents(atPath: kept)
        let refused = try await CLIRunner.run(["db", "backup", kept, "--database", damaged], in: cli.folder)
        #expect(refused.status != 0 && refused.stderr.contains("copy_damaged"), "\(refused)")
        #expect(FileManager.default.contents(atPath: kept) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        try await cli.shutdown()
    }

    @Test("db backup during a load and queued edits: each copy passes integrity_check and holds the outbox as of its moment")
    func backupUnderLoad() async throws {
        let cli = try await CLIRunner.start(customers: Self.loadCustomers)
        let ids = await cli.state.customerIDs()
        let path = cli.databasePath
        let sync = try BillingSyncProcess(arguments: ["sync", "--once", "--config", cli.configPath], logPath: cli.folder + "/sync.log")
        defer { sync.terminateIfRunning() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline, (try? StoreReader(path: path).read { try $0.counts().profiles }) ?? 0 < 200 {
            try await Task.sleep(for: .milliseconds(50))
        }
        var backups: [String] = []
        var edit = 0
        while sync.process.isRunning, backups.count < 6 {
            for _ in 0..<5 {
                try Self.insertEdit(path, ids[edit % ids.count], #"{"defaultAddress":{"addressLine2":"Load \#(edit)"}}"#)
                edit += 1
            }
            let target = cli.folder + "/backup-\(backups.count).sqlite"
            let backup = try await CLIRunner.run(["db", "backup", target, "--database", path], in: cli.folder)
            #expect(backup.status == 0, "\(backup)")
            backups.append(target)
        }
        #expect(try await sync.waitForExit(timeout: .seconds(120)) == 0, "\(sync.output)")
        #expect(backups.count >= 2, "the load ended before two backups were taken: raise loadCustomers")

        let order = ["pending": 0, "pushing": 1]
        let source = try Self.rows("outbox", path)
        var sizes: [Int] = []
        for backup in backups {
            #expect(try IntegrityReport.check(path: backup, full: true).isOK, "\(backup)")
            #expect(try Self.mode(backup) == 0o640)
            let copy = try Self.rows("outbox", backup)
            sizes.append(copy.count)
            // A consistent snapshot: exactly the edits with an id up to the newest one it holds,
            // unchanged, each in the status it had then (statuses only move forward).
            let newest = copy.last.flatMap { Int64(sqlValue: $0[0]) } ?? 0
            let expected = source.prefix { (Int64(sqlValue: $0[0]) ?? .max) <= newest }
            #expect(copy.count == expected.count, "\(backup): \(copy.count) edits, the source had \(expected.count) up to the same id")
            for (copied, original) in zip(copy, expected) {
                #expect(copied[0] == original[0] && copied[1] == original[1] && copied[2] == original[2])
                let (then, now) = (String(sqlValue: copied[5]) ?? "", String(sqlValue: original[5]) ?? "")
                #expect(then == now || order[then] != nil, "edit \(copied[0]) was \(then) in the copy and is \(now) now")
            }
            #expect(try Self.rows("sync_runs", backup).isEmpty == false)
        }
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count, "outbox sizes of the copies: \(sizes)")
        print("backup under load: customers=\(Self.loadCustomers) backups=\(backups.count) outbox sizes=\(sizes)")
        try await cli.shutdown()
    }

    @Test("db backup DIRECTORY --keep 2: the newest two backups are kept, other files untouched")
    func keepCopies() async throws {
        let cli = try await CLIRunner.start(customers: 12)
        #expect(try await cli.run("sync --once").status == 0)
        let folder = cli.folder + "/backups"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["billing-sync-20200101T000000Z.sqlite", "billing-sync-20210101T000000Z.sqlite", "notes.txt"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("old".utf8)))
        }
        let run = try await cli.run("db backup", [folder, "--keep", "2", "--json"])
        #expect(run.status == 0, "\(run)")
        let outcome = try Self.json(run)
        let made = try #require(outcome["backup"] as? String)
        #expect((outcome["removed"] as? [String]) == [folder + "/billing-sync-20200101T000000Z.sqlite"])
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["billing-sync-20210101T000000Z.sqlite", URL(fileURLWithPath: made).lastPathComponent, "notes.txt"].sorted())
        let refused = try await cli.run("db backup", [cli.folder + "/single.sqlite", "--keep", "2"])
        #expect(refused.status != 0 && refused.stderr.contains("--keep needs a directory"), "\(refused)")
        try await cli.shutdown()
    }

    @Test("db recover from overwritten mirror pages salvages every edit and conflict; the next sync --once restores the mirror")
    func recoverThenReconcile() async throws {
        let cli = try await CLIRunner.start(customers: 400)
        let path = cli.databasePath
        #expect(try await cli.run("sync --once").status == 0)
        let ids = await cli.state.customerIDs()
        // A conflict (the remote changed the field an edit queued on the old base changes), a pushed edit…
        try Self.insertEdit(path, ids[0], #"{"defaultAddress":{"city":"Local City"}}"#)
        _ = await cli.state.modifyProfile(ids[0]) { $0.setValue(.string("Remote City"), atPath: "defaultAddress.city") }
        try Self.insertEdit(path, ids[1], #"{"defaultAddress":{"addressLine2":"Pushed before"}}"#)
        #expect(try await cli.run("sync --once").status == 0)
        // …and two edits still waiting.
        try Self.insertEdit(path, ids[2], #"{"defaultAddress":{"city":"Pending A"}}"#)
        try Self.insertEdit(path, ids[3], #"{"defaultAddress":{"city":"Pending B"}}"#)
        let outbox = try Self.rows("outbox", path)
        let conflicts = try Self.rows("conflicts", path)
        let history = try Self.rows("profile_history", path)
        #expect(outbox.count == 4 && conflicts.count == 1, "outbox \(outbox.count), conflicts \(conflicts.count)")

        #expect(try DatabaseDamage.overwriteLeafPages(of: ["customers", "billing_profiles"], in: path).count > 4)
        let salvaged = cli.folder + "/recovered.sqlite"
        let recover = try await CLIRunner.run(["db", "recover", "--from", path, "--to", salvaged, "--json"], in: cli.folder)
        #expect(recover.status == 0, "\(recover)")
        let report = try Self.json(recover)
        #expect(report["complete"] as? Bool == true)
        let tables = Dictionary(uniqueKeysWithValues: ((report["tables"] as? [[String: Any]]) ?? []).map { ($0["table"] as? String ?? "", $0) })
        #expect(tables["outbox"]?["salvaged"] as? Int == 4 && tables["outbox"]?["lost"] as? Int == 0)
        #expect(tables["conflicts"]?["salvaged"] as? Int == 1 && tables["conflicts"]?["lost"] as? Int == 0)
        #expect(try Self.rows("outbox", salvaged) == outbox)
        #expect(try Self.rows("conflicts", salvaged) == conflicts)
        #expect(try Self.rows("profile_history", salvaged) == history)
        #expect(try Self.rows("billing_profiles", salvaged).isEmpty && Self.rows("customers", salvaged).isEmpty)
        #expect(try Self.mode(salvaged) == 0o640)
        let again = try await CLIRunner.run(["db", "recover", "--from", path, "--to", salvaged], in: cli.folder)
        #expect(again.status != 0 && again.stderr.contains("exists"), "\(again)")

        // Put the new file in place (docs/operations.md) and let a reconcile rebuild the mirror.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.moveItem(atPath: salvaged, toPath: path)
        let sync = try await cli.run("sync --once")
        #expect(sync.status == 0, "\(sync)")
        let reader = try cli.reader()
        let mirrored = try reader.read { context in try ids.map { try context.profile($0) } }
        #expect(mirrored.allSatisfy { $0 != nil }, "the reconcile did not restore every profile")
        for (id, profile) in zip(ids.prefix(20), mirrored.prefix(20)) {
            #expect(profile?.resource?.value(atPath: "defaultAddress.city") == (await cli.state.profile(id))?.value(atPath: "defaultAddress.city"))
        }
        #expect(await cli.state.profile(ids[2])?.value(atPath: "defaultAddress.city")?.stringValue == "Pending A")
        #expect(await cli.state.profile(ids[3])?.value(atPath: "defaultAddress.city")?.stringValue == "Pending B")
        #expect(try reader.read { try $0.counts().editsByStatus[.pending] } == 0)
        #expect(try IntegrityReport.check(path: path, full: true).isOK)
        try await cli.shutdown()
    }

    @Test("restore from a backup: the stopped daemon comes back with the edits the backup holds")
    func restoreFromBackup() async throws {
        let launcher = try await DaemonLauncher.startPolling(customers: 12, seed: 41)
        let path = launcher.databasePath
        #expect(try await launcher.syncOnce() == 0)
        let ids = await launcher.state.customerIDs()
        try Self.insertEdit(path, ids[4], #"{"defaultAddress":{"city":"Restored City"}}"#)
        let backup = launcher.environment.folder + "/backup.sqlite"
        let executable = try BillingSyncProcess.executableURL().path
        let made = try await ProgramRun.run(executable, ["db", "backup", backup, "--database", path])
        #expect(made.status == 0, "\(made.output)\(made.errors)")

        // The disaster: the database is gone. The restore sequence of docs/operations.md:
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let install = try await ProgramRun.run("/usr/bin/install", ["-m", "0640", backup, path])
        #expect(install.status == 0, "\(install.errors)")
        let daemon = try launcher.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await launcher.notify.waitFor("READY=1"))
        let pushed = try await launcher.waitUntil { try $0.edits(status: .pushed, limit: 10).count == 1 }
        #expect(pushed, "the restored edit was not pushed:\n\(daemon.output)")
        #expect(await launcher.state.profile(ids[4])?.value(atPath: "defaultAddress.city")?.stringValue == "Restored City")
        #expect(try await launcher.waitForHealth("healthy", timeout: .seconds(10))?.state == "healthy")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        try await launcher.shutdown()
    }
}
