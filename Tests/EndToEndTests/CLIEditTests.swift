import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterModels
import Testing

@Suite("billing-sync edit, pushed by sync --once")
struct CLIEditTests {
    @Test("edit --set queues; the next sync --once pushes it to Partner Center")
    func setThenPush() async throws {
        let cli = try await CLIRunner.start(customers: 8)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let id = await cli.state.customerIDs()[3]

        let edit = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city=Seattle"])
        #expect(edit.status == 0, "\(edit)")
        #expect(edit.stdout.contains("edit 1 queued for customer \(id)"), "\(edit)")
        let queued = try #require(try cli.reader().read { try $0.edit(id: 1) })
        #expect(queued.status == .pending && queued.customerIDText == id.rawValue && queued.queuedBy.hasPrefix("cli:"))
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue != "Seattle")

        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stdout.contains("edits pushed 1, conflicts 0, rejected 0, failed 0"), "\(sync)")
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Seattle")
        let pushed = try #require(try cli.reader().read { try $0.edit(id: 1) })
        #expect(pushed.status == .pushed && pushed.pushedAt != nil && pushed.resultETag != nil, "\(pushed)")
        let mirrored = try cli.reader().read { try $0.profile(id) }
        #expect(mirrored?.resource?.value(atPath: "defaultAddress.city")?.stringValue == "Seattle")
    }

    @Test("--patch takes a JSON merge patch, and clearing with := null works")
    func patchForm() async throws {
        let cli = try await CLIRunner.start(customers: 6)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let id = await cli.state.customerIDs()[2]

        let edit = try await cli.run("edit", [id.rawValue, "--patch", #"{"defaultAddress":{"city":"Tromsø","addressLine2":"Bygg 4"}}"#])
        #expect(edit.status == 0 && edit.stdout.contains("queued for customer \(id)"), "\(edit)")
        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.stdout.contains("edits pushed 1,"), "\(sync)")
        let remote = await cli.state.profile(id)
        #expect(remote?.value(atPath: "defaultAddress.city")?.stringValue == "Tromsø")
        #expect(remote?.value(atPath: "defaultAddress.addressLine2")?.stringValue == "Bygg 4")

        let clear = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.addressLine2:=null"])
        #expect(clear.status == 0, "\(clear)")
        #expect(try await cli.run("sync", ["--once"]).stdout.contains("edits pushed 1,"))
        let cleared = await cli.state.profile(id)?.value(atPath: "defaultAddress.addressLine2")
        #expect(cleared == nil || cleared == .null, "\(String(describing: cleared))")
    }

    @Test("a customer id that is not a GUID is refused and nothing is queued")
    func notAGUID() async throws {
        let cli = try await CLIRunner.start(customers: 4)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let edit = try await cli.run("edit", ["contoso-ltd", "--set", "defaultAddress.city=Seattle"])
        #expect(edit.status != 0, "\(edit)")
        #expect(edit.stderr.contains(#"customer id "contoso-ltd" is not a GUID"#), "\(edit)")
        #expect(!edit.stdout.contains("queued"), "\(edit)")
        #expect(try cli.reader().read { try $0.edits(status: nil, limit: 10) }.isEmpty)
    }

    @Test("a value Partner Center would refuse is stored as rejected with the reason, exit non-zero")
    func rejectedCountry() async throws {
        let cli = try await CLIRunner.start(customers: 4)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        let id = await cli.state.customerIDs()[0]
        let before = await cli.state.profile(id)

        let edit = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.country=USA"])
        #expect(edit.status != 0, "\(edit)")
        #expect(edit.stderr.contains("edit 1 stored as rejected: "), "\(edit)")
        #expect(edit.stderr.contains("defaultAddress.country"), "the reason does not name the field\n\(edit)")
        let stored = try #require(try cli.reader().read { try $0.edit(id: 1) })
        #expect(stored.status == .rejected, "\(stored)")
        #expect(stored.lastError?.contains("defaultAddress.country") == true, "\(String(describing: stored.lastError))")

        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.stdout.contains("edits pushed 0, conflicts 0, rejected 0, failed 0"), "\(sync)")
        #expect(await cli.state.profile(id) == before, "a rejected edit must never reach Partner Center")
    }

    @Test("usage errors: neither --set nor --patch, or a malformed assignment")
    func usageErrors() async throws {
        let cli = try await CLIRunner.start(customers: 3)
        defer { Task { try? await cli.shutdown() } }
        let id = await cli.state.customerIDs()[0]
        let neither = try await cli.run("edit", [id.rawValue])
        #expect(neither.status == 64 && neither.stderr.contains("give either --set assignments or --patch"), "\(neither)")
        let malformed = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.city"])
        #expect(malformed.status != 0 && malformed.stderr.contains("invalid edit"), "\(malformed)")
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath), "a refused edit must not create the database")
    }
}
