import BillingSyncSQLite
import Foundation
import PartnerCenterModels
import Testing

/// `[push] address_validation` through the real binary and its configuration file: `warn`
/// (the default) pushes an address the service does not verify and records the answer; `off`
/// asks neither the service nor the country rules.
@Suite("billing-sync push under address_validation warn and off")
struct CLIAddressPolicyTests {
    static let rulesRoute = "GET /v1/countryvalidationrules/{iso2}"

    @Test("warn pushes a StreetPartial address and records the answer; off calls nothing and pushes")
    func warnThenOff() async throws {
        let cli = try await CLIRunner.start(customers: 4)
        defer { Task { try? await cli.shutdown() } }
        let id = await CLIAddressTests.addRedmondCustomer(cli)
        let config = try String(contentsOfFile: cli.configPath, encoding: .utf8)
        #expect(config.contains("address_validation = \"warn\""))
        #expect(try await cli.run("sync", ["--once"]).status == 0)

        #expect(try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.addressLine1=Microsoft Way"]).status == 0)
        let callsBefore = await cli.state.addressValidationCount()
        let warned = try await cli.run("sync", ["--once"])
        #expect(warned.status == 0, "\(warned)")
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.addressLine1") == .string("Microsoft Way"))
        #expect(await cli.state.addressValidationCount() == callsBefore + 1)
        let connection = try Connection(path: cli.databasePath, mode: .readOnly)
        let recorded = try connection.query("SELECT status, source FROM address_validations WHERE customer_id = ?", [id.rawValue])
        #expect(recorded.map { $0.string("status") } == ["StreetPartial"] && recorded.first?.string("source") == "push")

        try config.replacingOccurrences(of: "address_validation = \"warn\"", with: "address_validation = \"off\"")
            .write(toFile: cli.configPath, atomically: true, encoding: .utf8)
        #expect(try await cli.run("edit", [id.rawValue, "--set", "defaultAddress.addressLine1=Other Way",
                                           "--set", "defaultAddress.postalCode=9805"]).status == 0)
        let validations = await cli.state.addressValidationCount()
        let rules = await cli.state.requestCount(route: Self.rulesRoute)
        let off = try await cli.run("sync", ["--once"])
        #expect(off.status == 0, "\(off)")
        #expect(await cli.state.profile(id)?.value(atPath: "defaultAddress.addressLine1") == .string("Other Way"))
        #expect(await cli.state.addressValidationCount() == validations)
        #expect(await cli.state.requestCount(route: Self.rulesRoute) == rules)
        #expect(try connection.query("SELECT count(*) AS n FROM address_validations", []).first?.int("n") == 1)
    }
}
