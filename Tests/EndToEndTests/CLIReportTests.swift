import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterModels
import Testing

@Suite("billing-sync status, history, conflicts and resolve")
struct CLIReportTests {
    @Test("status and status --json show counts, runs and edits; history shows the pushed change")
    func statusAndHistory() async throws {
        let cli = try await CLIRunner.start(customers: 9)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let id = await cli.state.customerIDs()[4]
        let oldCity = try #require(await cli.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue)
        #expect(try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city=Seattle"]).status == 0)
        #expect(try await cli.run("sync", ["--once"]).status == 0)

        let text = try await cli.run("status")
        #expect(text.status == 3, "no daemon ran: status exits 3 (unknown)\n\(text)")
        for line in ["database: \(cli.databasePath)", "customers: 9 active, 0 removed; profiles: 9 (0 not found)",
                     "edits:     pending 0, pushing 0, pushed 1, conflict 0, rejected 0, failed 0", "conflicts: 0 open",
                     "health:   unknown", "recent runs:"] {
            #expect(text.stdout.contains(line), "missing \(line)\n\(text)")
        }
        #expect(text.stdout.components(separatedBy: " full ok ").count - 1 == 2, "two full runs expected\n\(text)")
        // The budget plan: the emulator's configuration claims 1,000,000/min; the plan caps it at 500.
        for line in ["budget:    9 customers mirrored; a full reconcile costs 10 requests (1 list page of up to 500 + 9 profile GETs)",
                     "at 500 requests/min (requests_per_minute 1000000, service limit 500/min)",
                     "warning: requests_per_minute 1000000 is above the service's 500/min per tenant"] {
            #expect(text.stdout.contains(line), "missing \(line)\n\(text)")
        }

        let json = try await cli.run("status", ["--json"])
        #expect(json.status == 3, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json)")
        #expect(object["database"] as? String == cli.databasePath)
        #expect((object["customers"] as? [String: Int])?["active"] == 9)
        #expect((object["profiles"] as? [String: Int])?["mirrored"] == 9)
        #expect((object["edits"] as? [String: Int])?["pushed"] == 1)
        #expect((object["edits"] as? [String: Int])?["pending"] == 0)
        #expect(object["openConflicts"] as? Int == 0)
        let budget = try #require(object["budget"] as? [String: Any], "\(json)")
        #expect(budget["reconcileRequests"] as? Int == 10 && budget["requestsPerMinute"] as? Int == 500, "\(budget)")
        #expect((budget["warnings"] as? [String])?.count == 1, "\(budget)")

        // check-config with the database: the same plan, as comments, without reading a secret.
        let check = try await CLIRunner.run(["check-config", cli.configPath, "--skip-secrets"], in: cli.folder)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("# 9 customers mirrored; a full reconcile costs 10 requests"), "\(check)")
        let bare = try await CLIRunner.run(["status", "--database", cli.databasePath], in: cli.folder)
        #expect(bare.stdout.contains("budget:    not planned (--database reads no configuration; pass --config)"), "\(bare)")
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 2 && runs.allSatisfy { $0["kind"] as? String == "full" && $0["status"] as? String == "ok" })
        #expect(runs.map { $0["customersSeen"] as? Int } == [9, 9])
        #expect(runs.map { $0["profilesChanged"] as? Int } == [0, 9], "newest first: \(runs)")

        let history = try await cli.run("history", [id.rawValue])
        #expect(history.status == 0, "\(history)")
        let pushLine = history.stdout.split(separator: "\n").first { $0.contains("defaultAddress.city") }
        #expect(pushLine?.contains(" push ") == true, "\(history)")
        #expect(pushLine?.contains("\"\(oldCity)\" → \"Seattle\"") == true, "\(history)")

        let unknown = try await cli.run("history", [CustomerID.parse("00000000-0000-4000-8000-000000000000").rawValue])
        #expect(unknown.status == 0 && unknown.stdout.contains("no recorded changes for 00000000-0000-4000-8000-000000000000"), "\(unknown)")
        let notGUID = try await cli.run("history", ["nope"])
        #expect(notGUID.status != 0 && notGUID.stderr.contains("is not a GUID"), "\(notGUID)")
    }

    @Test("a real conflict is listed; resolve --reapply re-queues and the next sync pushes it")
    func conflictAndReapply() async throws {
        let cli = try await CLIRunner.start(customers: 7)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let none = try await cli.run("conflicts")
        #expect(none.status == 0 && none.stdout.contains("no open conflicts"), "\(none)")

        let id = await cli.state.customerIDs()[1]
        #expect(try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city=Lyon"]).status == 0)
        _ = await cli.state.modifyProfile(id) { $0.setValue(.string("Marseille"), atPath: "defaultAddress.city") }
        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stdout.contains("edits pushed 0, conflicts 1,"), "\(sync)")
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Marseille")

        let conflictID = try #require(try cli.reader().read { try $0.conflicts(openOnly: true) }.first?.id)
        let listed = try await cli.run("conflicts")
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains("conflict \(conflictID): edit 1, customer \(id)"), "\(listed)")
        #expect(listed.stdout.contains("fields: defaultAddress.city"), "\(listed)")
        #expect(listed.stdout.contains("billing-sync resolve \(conflictID) --keep-remote | --reapply"), "\(listed)")

        let resolve = try await cli.run("resolve", ["\(conflictID)", "--reapply"])
        #expect(resolve.status == 0, "\(resolve)")
        #expect(resolve.stdout.contains("conflict \(conflictID) resolved: edit re-queued as"), "\(resolve)")
        #expect(try await cli.run("conflicts").stdout.contains("no open conflicts"))
        let all = try await cli.run("conflicts", ["--all"])
        #expect(all.stdout.contains("conflict \(conflictID):") && all.stdout.contains("resolved: "), "\(all)")
        let twice = try await cli.run("resolve", ["\(conflictID)", "--keep-remote"])
        #expect(twice.status != 0 && !twice.stderr.isEmpty, "a resolved conflict cannot be resolved again\n\(twice)")

        let again = try await cli.run("sync", ["--once"])
        #expect(again.stdout.contains("edits pushed 1, conflicts 0,"), "\(again)")
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Lyon")
        let edits = try cli.reader().read { try $0.edits(status: nil, limit: 10) }
        #expect(edits.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.conflict, .pushed], "\(edits)")
    }

    @Test("resolve of an unknown conflict id fails with a clear message")
    func resolveUnknown() async throws {
        let cli = try await CLIRunner.start(customers: 3)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("db migrate").status == 0)
        let unknown = try await cli.run("resolve", ["42", "--keep-remote"])
        #expect(unknown.status != 0, "\(unknown)")
        #expect(unknown.stderr.contains("42"), "\(unknown)")
        #expect(!unknown.stderr.contains("Fatal error"), "\(unknown)")
        let both = try await cli.run("resolve", ["42", "--keep-remote", "--reapply"])
        #expect(both.status == 64 && both.stderr.contains("choose exactly one of --keep-remote or --reapply"), "\(both)")
    }
}
