import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("billing-sync addresses check, review and edit --dry-run")
struct CLIAddressTests {
    /// `customer_id → rows` of the audit answers, read with a second connection.
    static func auditRows(_ cli: CLIRunner) throws -> [String: Int] {
        let connection = try Connection(path: cli.databasePath, mode: .readOnly)
        let rows = try connection.query("SELECT customer_id, count(*) AS n FROM address_validations WHERE source = 'audit' GROUP BY customer_id")
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.string("customer_id").map { ($0, row.int("n") ?? 0) } })
    }

    @Test("addresses check resumes after SIGKILL without checking again what is done; the view answers")
    func resumesAfterKill() async throws {
        let cli = try await CLIRunner.start(customers: 60)
        defer { Task { try? await cli.shutdown() } }
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        var slow = FaultSettings()
        slow.latency = .milliseconds(60)
        await cli.state.setFaults(slow)

        let child = try BillingSyncProcess(arguments: ["addresses", "check", "--config", cli.configPath],
                                           logPath: cli.folder + "/check.log")
        defer { child.terminateIfRunning() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try Self.auditRows(cli).count < 10, ContinuousClock.now < deadline, child.process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
        child.signal(SIGKILL)
        _ = try await child.waitForExit(timeout: .seconds(10))
        let done = try Self.auditRows(cli)
        #expect(done.count >= 10 && done.count < 60, "killed after \(done.count) checks: \(child.output)")
        #expect(done.values.allSatisfy { $0 == 1 })

        await cli.state.setFaults(FaultSettings())
        // Requests the killed process left in flight are still answered: wait until the service's
        // count stops moving (a fixed pause was too short on a loaded machine).
        var callsBefore = await cli.state.addressValidationCount()
        let settled = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < settled {
            try await Task.sleep(for: .milliseconds(400))
            let count = await cli.state.addressValidationCount()
            if count == callsBefore { break }
            callsBefore = count
        }
        let resumed = try await cli.run("addresses check", ["--json"])
        #expect(resumed.status == 0, "\(resumed)")
        let calls = await cli.state.addressValidationCount() - callsBefore
        let all = try Self.auditRows(cli)
        #expect(all.count == 60, "\(resumed)")
        #expect(all.values.allSatisfy { $0 == 1 }, "a customer was checked twice")
        #expect(calls == 60 - done.count, "the second run asked about \(calls) addresses; \(60 - done.count) were left")
        #expect(resumed.stdout.contains("\"checked\" : \(60 - done.count)"), "\(resumed)")

        let again = try await cli.run("addresses check", ["--country", "US"])
        #expect(again.status == 0 && again.stdout.contains("addresses checked 0"), "\(again)")
        let connection = try Connection(path: cli.databasePath, mode: .readOnly)
        let findings = try connection.query("SELECT count(*) AS n FROM address_findings")
        #expect(findings.first?.int("n") == 60)
    }

    /// A new US customer at 1 Microsoft Way, Redmond WA 98052 (an address the emulator verifies).
    static func addRedmondCustomer(_ cli: CLIRunner) async -> CustomerID {
        let id = await cli.state.addCustomer(country: "US")
        await cli.state.modifyProfile(id) { profile in
            profile.setValue(.string("1 Microsoft Way"), atPath: "defaultAddress.addressLine1")
            profile.setValue(.string("Redmond"), atPath: "defaultAddress.city")
            profile.setValue(.string("WA"), atPath: "defaultAddress.state")
            profile.setValue(.string("98052"), atPath: "defaultAddress.postalCode")
        }
        return id
    }

    @Test("edit --dry-run names the rule; review lists, accepts and pushes once under require")
    func dryRunAndReview() async throws {
        let cli = try await CLIRunner.start(customers: 4)
        defer { Task { try? await cli.shutdown() } }
        let id = await Self.addRedmondCustomer(cli)
        let config = try String(contentsOfFile: cli.configPath, encoding: .utf8)
        #expect(config.contains("address_validation = \"warn\""))
        try config.replacingOccurrences(of: "address_validation = \"warn\"", with: "address_validation = \"require\"")
            .write(toFile: cli.configPath, atomically: true, encoding: .utf8)
        #expect(try await cli.run("sync", ["--once"]).status == 0)

        let dry = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.postalCode=9805", "--dry-run", "--check-address"])
        #expect(dry.status == 3, "\(dry)")
        #expect(dry.stdout.contains("postalCodeRegex") && dry.stdout.contains("would reject"), "\(dry)")
        let dryStreet = try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.addressLine1=Microsoft Way", "--dry-run",
                                                   "--check-address"])
        #expect(dryStreet.status == 0 && dryStreet.stdout.contains("StreetPartial"), "\(dryStreet)")

        #expect(try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.addressLine1=Microsoft Way"]).status == 0)
        let sync = try await cli.run("sync", ["--once"])
        #expect(sync.status == 0, "\(sync)")
        let list = try await cli.run("review")
        #expect(list.stdout.contains(#"suggestion 1 sets addressLine1 "1 Microsoft Way", postalCode "98052-"#), "\(list)")
        #expect(list.stdout.contains(#"suggestion 3 sets addressLine1 "100 Microsoft Way""#), "\(list)")
        #expect(!list.stdout.contains("Redmond"), "the city the service only echoed is not offered: \(list)")
        let editID = try #require(try cli.reader().read { try $0.edits(status: .needsReview, limit: 5) }.first?.id)
        let accept = try await cli.run("review", [String(editID), "--accept", "1"])
        #expect(accept.status == 0, "\(accept)")
        #expect(try await cli.run("sync", ["--once"]).status == 0)
        #expect(await cli.state.writeLog().filter { $0.customerID == id }.count == 1)
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.addressLine1") == .string("1 Microsoft Way"))
        #expect(try await cli.run("review", [String(editID), "--cancel"]).status != 0)
        let status = try await cli.run("status")
        #expect(status.stdout.contains("needs_review 0"), "\(status)")
    }
}
