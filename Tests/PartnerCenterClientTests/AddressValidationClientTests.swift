import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Country rules and address validation through the client")
struct AddressValidationClientTests {
    static func address(_ members: [String: String]) -> JSONValue {
        .object(members.mapValues { .string($0) })
    }

    static let redmond = address(["AddressLine1": "1 Microsoft Way", "City": "Redmond", "State": "WA",
                                  "PostalCode": "98052", "Country": "US", "FirstName": "Not sent"])

    @Test("rules are read; UK is notFound naming it; a bad code is refused before any request")
    func rules() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 2, seed: 7)) { f in
            let rules = try await f.client.countryValidationRules(iso2: "pt")
            #expect(rules.iso2Code == "PT" && !rules.isStateRequired)
            #expect(rules.supportedLanguages == ["en", "pt-PT"])
            let unknown = await #expect(throws: PartnerCenterError.self) { try await f.client.countryValidationRules(iso2: "UK") }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.message.contains("UK") == true)
            let before = await f.emulator.state.requestCount()
            let bad = await #expect(throws: PartnerCenterError.self) { try await f.client.countryValidationRules(iso2: "U/S") }
            #expect(bad?.kind == .invalidInput)
            #expect(await f.emulator.state.requestCount() == before)
        }
    }

    @Test("the current contract: status raw, suggestions, message; only the address properties are sent")
    func current() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 2, seed: 7)) { f in
            let verified = try await f.client.validateAddress(Self.redmond)
            #expect(verified.status.rawValue == "VerifiedShippable" && verified.status.isVerified)
            #expect(verified.contract == .current)
            #expect(verified.originalAddress?[member: "firstName"] == nil)
            var street = Self.redmond
            street.setValue(.string("Microsoft Way"), atPath: "AddressLine1")
            let partial = try await f.client.validateAddress(street)
            #expect(partial.status.rawValue == "StreetPartial" && !partial.status.isVerified)
            #expect(partial.suggestions.count == 3)
            #expect(partial.message?.contains("AddressLine1") == true)
        }
    }

    @Test("the older contract: an empty 200 is verified, a 400/2007 is a not-verified result with the correction")
    func legacy() async throws {
        var configuration = EmulatorConfiguration(customerCount: 2, seed: 7)
        configuration.addressValidationContract = .legacy
        try await EmulatorFixture.with(configuration) { f in
            let valid = try await f.client.validateAddress(Self.redmond)
            #expect(valid.status.isVerified && valid.contract == .legacy)
            var wrongZip = Self.redmond
            wrongZip.setValue(.string("98101"), atPath: "PostalCode")
            let refused = try await f.client.validateAddress(wrongZip)
            #expect(!refused.status.isVerified && refused.contract == .legacy)
            #expect(refused.status.rawValue == "ZipCityInvalid")
            #expect(refused.suggestedAddresses.first?.postalCode?.hasPrefix("98052-") == true)
            #expect(await f.emulator.state.requestCount(route: "POST /v1/validations/address") == 2)
        }
    }

    @Test("a 503 is retried on the shared transport; a missing property is a badRequest")
    func retriesAndErrors() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 2, seed: 7)) { f in
            var faults = FaultSettings.only(\.serviceUnavailableRate, 0.5)
            faults.seed = 7
            await f.emulator.state.setFaults(faults)
            let result = try await f.client.validateAddress(Self.redmond)
            #expect(result.status.isVerified)
            #expect(await f.emulator.state.requestCount(route: "POST /v1/validations/address", status: 503) >= 1)
            await f.emulator.state.setFaults(FaultSettings())
            var noCity = Self.redmond
            noCity.setValue(.null, atPath: "City")
            let error = await #expect(throws: PartnerCenterError.self) { try await f.client.validateAddress(noCity) }
            #expect(error?.kind == .badRequest && error?.message.contains("city") == true)
        }
    }
}
