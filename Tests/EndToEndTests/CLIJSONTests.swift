import BillingSyncStore
import Foundation
import PartnerCenterModels
import Testing

/// Every `--json` output parses, carries `version: 1` and the keys docs/cli-json.md documents;
/// `show`, `export`, `edit --dry-run`/`--wait` and stdout/stderr separation.
@Suite("the CLI as a scripting tool", .serialized)
struct CLIJSONTests {
    static func object(_ outcome: CLIRunner.Outcome) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome)")
        #expect(object["version"] as? Int == 1, "\(outcome)")
        return object
    }

    @Test("edit --wait exits by the edit's outcome: 5 while nobody pushes it, 0 once a sync pushed it, 2 on a conflict")
    func editWait() async throws {
        let cli = try await CLIRunner.start(customers: 4)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once", "--quiet"]).status == 0)
        let id = await cli.state.customerIDs()[1].rawValue
        let unattended = try await cli.run("edit", [id, "--set", "defaultAddress.city=Porto", "--wait", "--wait-timeout", "1"])
        #expect(unattended.status == 5, "\(unattended)")

        /// Runs `edit --wait` and `sync --once` until the edit is handled; the waiter's outcome.
        func waitWhileSyncing(_ arguments: [String]) async throws -> CLIRunner.Outcome {
            let waiter = Task { try await cli.run("edit", [id] + arguments + ["--wait", "--wait-timeout", "60"]) }
            for _ in 0..<20 {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await cli.run("sync", ["--once", "--quiet"])
                let open = try cli.reader().read { try $0.edits(status: .pending, limit: 10) }
                if open.isEmpty, try cli.reader().read({ try $0.edits(status: nil, limit: 100) }).count >= 2 { break }
            }
            return try await waiter.value
        }
        let pushed = try await waitWhileSyncing(["--set", "defaultAddress.city=Braga"])
        #expect(pushed.status == 0, "\(pushed)")

        // Another admin changes the city after the edit was queued: a conflict, exit 2.
        let edits = try cli.reader().read { try $0.edits(status: nil, limit: 100) }.count
        let waiter = Task { try await cli.run("edit", [id, "--set", "defaultAddress.city=Faro", "--wait", "--wait-timeout", "60"]) }
        for _ in 0..<100 where try cli.reader().read({ try $0.edits(status: nil, limit: 100) }).count == edits {
            try await Task.sleep(for: .milliseconds(50))
        }
        let customer = try #require(CustomerID(id))
        await cli.state.modifyProfile(customer) { $0.setValue(.string("Coimbra"), atPath: "defaultAddress.city") }
        #expect(try await cli.run("sync", ["--once", "--quiet"]).status == 0)
        let conflict = try await waiter.value
        #expect(conflict.status == 2, "\(conflict)")
    }

    @Test("sync --once, history, conflicts, db info, edit, export: JSON that parses; show; dry run; stderr progress")
    func jsonEverywhere() async throws {
        let cli = try await CLIRunner.start(customers: 6)
        defer { Task { try? await cli.shutdown() } }
        let sync = try await cli.run("sync", ["--once", "--json"])
        #expect(sync.status == 0, "\(sync)")
        let summary = try Self.object(sync)
        #expect((summary["reconcile"] as? [String: Int])?["customersSeen"] == 6)
        #expect((summary["push"] as? [String: Int])?["pushed"] == 0)
        let plain = try await cli.run("sync", ["--once"])
        #expect(plain.stdout.hasPrefix("customers 6,"), "results on stdout, progress on stderr\n\(plain)")
        #expect(plain.stderr.contains("profiles"), "\(plain)")
        let quiet = try await cli.run("sync", ["--once", "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.hasPrefix("customers 6,"), "\(quiet)")

        let id = await cli.state.customerIDs()[2]
        let dry = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city=Lisbon", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry)")
        let preview = try Self.object(dry)
        #expect(preview["status"] as? String == "dry_run" && preview["editID"] == nil)
        #expect((preview["merged"] as? [String: Any])?["defaultAddress.city"] as? String == "Lisbon")
        let badDry = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.country:=null", "--dry-run"])
        #expect(badDry.status == 3 && badDry.stdout.contains("invalid"), "\(badDry)")
        #expect(try cli.reader().read { try $0.edits(status: nil, limit: 10) }.isEmpty, "a dry run queued an edit")

        let edit = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city=Lisbon", "--json"])
        let queued = try Self.object(edit)
        #expect(queued["status"] as? String == "queued" && queued["editID"] as? Int == 1, "\(edit)")
        #expect(try await cli.run("sync", ["--once", "--quiet"]).status == 0)

        let history = try Self.object(try await cli.run("history", [id.rawValue, "--json"]))
        let changes = try #require(history["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["field"] as? String == "defaultAddress.city" && $0["newValue"] as? String == "Lisbon" })
        let conflicts = try Self.object(try await cli.run("conflicts", ["--json"]))
        #expect((conflicts["conflicts"] as? [Any])?.isEmpty == true)
        let info = try Self.object(try await cli.run("db info", ["--json"]))
        #expect(info["path"] as? String == cli.databasePath && (info["tables"] as? [Any])?.isEmpty == false)

        let export = try await cli.run("export", ["--format", "json"])
        let rows = try #require(try Self.object(export)["rows"] as? [[String: Any]])
        #expect(rows.count == 6 && rows.contains { $0["customer_id"] as? String == id.rawValue })
        let csv = try await cli.run("export", ["--format", "csv", "--view", "recent_drift"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("id,customer_id,"), "\(csv)")
        #expect(try await cli.run("export", ["--format", "csv", "--view", "sqlite_schema"]).status != 0)

        let show = try await cli.run("show", [id.rawValue])
        #expect(show.status == 0 && show.stdout.contains("Lisbon") && show.stdout.contains("ETag"), "\(show)")
        #expect(show.stdout.contains("pending edits: none") && show.stdout.contains("last changes:"), "\(show)")
    }
}
