import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Country validation rules and the address service")
struct AddressValidationTests {
    static let redmond = #"{"addressLine1":"1 Microsoft Way","city":"Redmond","state":"WA","postalCode":"98052","country":"US"}"#

    static func validate(_ h: EmulatorHarness, _ token: String, _ body: String) async throws -> EmulatorHarness.Answer {
        try await h.api(.POST, "/v1/validations/address", token: token,
                        headers: [("Content-Type", "application/json")], body: body)
    }

    static func address(_ members: [String: String]) -> String {
        JSONValue.object(members.mapValues { .string($0) }).canonicalText()
    }

    @Test("US rules are the recorded response; UK is the unknown-country error")
    func rules() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let us = try await h.api(.GET, "/v1/countryvalidationrules/US", token: token)
            #expect(us.status == 200)
            let rules = try CountryValidationRules(json: try #require(us.json))
            #expect(rules.iso2Code == "US")
            #expect(rules.postalCodeRegex == #"^\d{5}(-\d{4})?$"#)
            #expect(rules.isStateRequired && rules.isCityRequired && rules.isPostalCodeRequired)
            #expect(rules.supportedStates.contains("WA") && rules.supportedStates.count == 52)
            #expect(rules.supportedCultures == ["en-US", "es-US"])
            for country in ["ca", "GB", "DE", "PT", "JP"] {
                #expect(try await h.api(.GET, "/v1/countryvalidationrules/\(country)", token: token).status == 200)
            }
            let uk = try await h.api(.GET, "/v1/countryvalidationrules/UK", token: token)
            #expect(uk.status == 404)
            #expect(uk.json?[member: "description"] == .string("No validation rules were found for the country/region UK"))
        }
    }

    @Test("the served regexes accept the postal codes and phones the generator draws (RU's phone regex is .NET-only)")
    func regexesFitGeneratedData() async throws {
        var configuration = EmulatorConfiguration.test(customers: 60)
        configuration.seed = 11
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            var seen = Set<String>()
            for id in await h.emulator.state.customerIDs() {
                let profile = try #require(await h.emulator.state.profile(id))
                let address = try #require(profile.object("defaultAddress"))
                let country = try #require(address.text("country"))
                let answer = try await h.api(.GET, "/v1/countryvalidationrules/\(country)", token: token)
                let rules = try CountryValidationRules(json: try #require(answer.json))
                let postal = try NSRegularExpression(pattern: try #require(rules.postalCodeRegex))
                let code = try #require(address.text("postalCode"))
                #expect(postal.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil, "\(country) \(code)")
                #expect(rules.supportedCultures.contains(try #require(profile.text("culture"))))
                #expect(rules.supportedLanguages.contains(try #require(profile.text("language"))))
                let phoneCompiles = (try? NSRegularExpression(pattern: rules.phoneNumberRegex ?? "")) != nil
                #expect(phoneCompiles == (country != "RU"))
                seen.insert(country)
            }
            #expect(seen.count >= 6)
        }
    }

    @Test("statuses and suggestion counts follow the documented table; US ZIP becomes ZIP+4")
    func statuses() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let cases: [([String: String], String, Int)] = [
                (["addressLine1": "1 Microsoft Way", "city": "Redmond", "state": "WA", "postalCode": "98052", "country": "US"],
                 "VerifiedShippable", 1),
                (["addressLine1": "Königsallee 1", "city": "Düsseldorf", "postalCode": "40213", "country": "DE"], "Verified", 1),
                (["addressLine1": "Microsoft Way", "city": "Redmond", "state": "WA", "postalCode": "98052", "country": "US"],
                 "StreetPartial", 3),
                (["addressLine1": "1 Microsoft Way", "city": "Redmond", "state": "WA", "postalCode": "98101", "country": "US"],
                 "InteractionRequired", 1),
                (["addressLine1": "1 Main St", "city": "Springfield", "state": "WA", "postalCode": "98052", "country": "US"],
                 "Multiple", 3),
                (["addressLine1": "1 Main St", "addressLine2": "Suite", "city": "Austin", "state": "TX", "postalCode": "73301",
                  "country": "US"], "PremisesPartial", 3),
                (["addressLine1": "1 Main St", "city": "Austin", "state": "TX", "postalCode": "9805", "country": "US"], "None", 0),
                (["addressLine1": "1 Main St", "city": "Nowhere", "postalCode": "1", "country": "ZZ"], "NotValidated", 0),
            ]
            for (members, status, count) in cases {
                let answer = try await Self.validate(h, token, Self.address(members))
                #expect(answer.status == 200)
                let result = try AddressValidationResult(json: try #require(answer.json))
                #expect(result.status.rawValue == status, "\(members)")
                #expect(result.suggestions.count == count, "\(members)")
                #expect(result.status.isVerified == status.hasPrefix("Verified"))
                #expect(result.originalAddress?.text("city") == members["city"])
                #expect((AddressValidationStatus.documentedSuggestionLimits[status] ?? -1) >= count)
            }
            let verified = try AddressValidationResult(json: try #require(try await Self.validate(h, token, Self.redmond).json))
            let zip = try #require(verified.suggestedAddresses.first?.postalCode)
            #expect(zip.range(of: #"^98052-\d{4}$"#, options: .regularExpression) != nil)
            let partial = try AddressValidationResult(json: try #require(try await Self.validate(
                h, token, Self.address(["addressLine1": "Microsoft Way", "city": "Redmond", "state": "WA",
                                        "postalCode": "98052", "country": "US"])).json))
            #expect(partial.suggestedAddresses.map(\.addressLine1) == ["1 Microsoft Way", "10 Microsoft Way", "100 Microsoft Way"])
            #expect(partial.message == "Address field invalid for property: 'AddressLine1'")
        }
    }

    @Test("a PascalCase body is read; a missing property is a 400 naming it")
    func pascalCaseAndMissing() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let pascal = #"{"AddressLine1":"1 Microsoft Way","City":"Redmond","State":"WA","PostalCode":"98052","Country":"US"}"#
            let answer = try await Self.validate(h, token, pascal)
            #expect(answer.json?[member: "status"] == .string("VerifiedShippable"))
            let missing = try await Self.validate(h, token, #"{"addressLine1":"1 Microsoft Way","city":"Redmond","postalCode":"98052","country":"US"}"#)
            #expect(missing.status == 400)
            #expect(missing.json?[member: "description"]?.stringValue?.contains("state is required") == true)
        }
    }

    @Test("the older contract: an empty 200 when valid, 400/2007 with a JSON-string description otherwise")
    func legacyContract() async throws {
        var configuration = EmulatorConfiguration.test()
        configuration.addressValidationContract = .legacy
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let valid = try await Self.validate(h, token, Self.redmond)
            #expect(valid.status == 200 && valid.text.isEmpty)
            let refused = try await Self.validate(h, token, Self.address(
                ["addressLine1": "1 Microsoft Way", "city": "Redmond", "state": "WA", "postalCode": "98101", "country": "US"]))
            #expect(refused.status == 400)
            #expect(refused.json?[member: "code"] == .integer(2007))
            let description = try #require(refused.json?[member: "description"]?.stringValue)
            let result = AddressValidationResult(legacyDescription: description)
            #expect(result.status.rawValue == "ZipCityInvalid" && !result.status.isVerified)
            #expect(result.suggestedAddresses.first?.postalCode?.hasPrefix("98052-") == true)
            #expect(result.contract == .legacy)
            let switched = try await h.send(.PUT, "/_emulator/address-validation", body: #"{"contract":"current"}"#)
            #expect(switched.status == 204)
            #expect(try await Self.validate(h, token, Self.redmond).json?[member: "status"] == .string("VerifiedShippable"))
        }
    }

    @Test("429 and 5xx fault switches apply to both endpoints; the rate limit counts them")
    func faults() async throws {
        var configuration = EmulatorConfiguration.test()
        configuration.rateLimitPerMinute = 2
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            #expect(try await Self.validate(h, token, Self.redmond).status == 200)
            #expect(try await h.api(.GET, "/v1/countryvalidationrules/US", token: token).status == 200)
            #expect(try await Self.validate(h, token, Self.redmond).status == 429)
        }
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            await h.emulator.state.setFaults(.only(\.serviceUnavailableRate))
            #expect(try await Self.validate(h, token, Self.redmond).status == 503)
            #expect(try await h.api(.GET, "/v1/countryvalidationrules/US", token: token).status == 503)
            var storm = FaultSettings.only(\.tooManyRequestsRate)
            storm.tooManyRequestsRetryAfter = 3
            await h.emulator.state.setFaults(storm)
            let limited = try await Self.validate(h, token, Self.redmond)
            #expect(limited.status == 429 && limited.headers.first(name: "Retry-After") == "3")
            #expect(await h.emulator.state.addressValidationCount() == 0)
        }
    }
}
