import Foundation
import PartnerCenterModels
import Testing

@Suite("Address validation and country rules models")
struct AddressValidationModelTests {
    @Test("the documented current answer, in camelCase and PascalCase")
    func currentContract() throws {
        for text in [
            #"{"originalAddress":{"city":"Redmond"},"suggestedAddresses":[{"postalCode":"98052-8300"}],"status":"VerifiedShippable","validationMessage":"Address field invalid for property: 'Region', 'PostalCode', 'City'"}"#,
            #"{"OriginalAddress":{"City":"Redmond"},"SuggestedAddresses":[{"PostalCode":"98052-8300"}],"Status":"VerifiedShippable","ValidationMessage":"Address field invalid for property: 'Region', 'PostalCode', 'City'"}"#,
        ] {
            let result = try AddressValidationResult(json: try JSONValue(parsing: text))
            #expect(result.status.isVerified && result.contract == .current)
            #expect(result.suggestedAddresses.map(\.postalCode) == ["98052-8300"])
            #expect(result.originalAddress?.text("city") == "Redmond")
            #expect(result.message?.hasPrefix("Address field invalid") == true)
        }
        #expect(throws: ModelDecodingError.self) { try AddressValidationResult(json: try JSONValue(parsing: #"{"status":""}"#)) }
    }

    @Test("statuses are kept raw; only Verified and VerifiedShippable count as verified", arguments: [
        ("VerifiedShippable", true, true), ("Verified", true, true), ("Verified shippable", true, true),
        ("InteractionRequired", false, true), ("StreetPartial", false, true), ("PremisesPartial", false, true),
        ("Multiple", false, true), ("None", false, true), ("NotValidated", false, true), ("Not validated", false, true),
        ("VerifiedMaybe", false, false), ("", false, false),
    ])
    func statuses(raw: String, verified: Bool, documented: Bool) {
        let status = AddressValidationStatus(raw)
        #expect(status.rawValue == raw)
        #expect(status.isVerified == verified)
        #expect(status.isDocumented == documented)
    }

    @Test("the older contract: an empty 200 is verified; the 2007 description gives reason and correction")
    func legacyContract() throws {
        #expect(try AddressValidationResult(json: .null).status.isVerified)
        let description = #"{"code":"60071","reason":"ZipCityInvalid - Details: the ZIP does not match","corrected_address":{"city":"Redmond","postal_code":"98052"}}"#
        for text in [description, description + "; extra data"] {
            let result = AddressValidationResult(legacyDescription: text)
            #expect(result.status.rawValue == "ZipCityInvalid" && !result.status.isVerified)
            #expect(result.message == "ZipCityInvalid - Details: the ZIP does not match")
            #expect(result.suggestions.count == 1 && result.contract == .legacy)
        }
        let opaque = AddressValidationResult(legacyDescription: "Address is invalid")
        #expect(opaque.status.rawValue == "Address" && !opaque.status.isVerified && opaque.suggestions.isEmpty)
    }

    @Test("country rules: camelCase and PascalCase, string booleans, missing iso2Code refused")
    func countryRules() throws {
        let pascal = try CountryValidationRules(json: try JSONValue(parsing: #"""
            {"Iso2Code":"pt","IsStateRequired":"false","SupportedStatesList":[],"SupportedLanguagesList":["en","pt-PT"],
             "PostalCodeRegex":"^\\d{4}(-\\d{3})?$","IsPostalCodeRequired":true,"PhoneNumberRegex":""}
            """#))
        #expect(pascal.iso2Code == "PT" && !pascal.isStateRequired && pascal.isPostalCodeRequired)
        #expect(pascal.supportedLanguages == ["en", "pt-PT"] && pascal.supportedStates.isEmpty)
        #expect(pascal.postalCodeRegex == #"^\d{4}(-\d{3})?$"# && pascal.phoneNumberRegex == nil)
        #expect(throws: ModelDecodingError.self) { try CountryValidationRules(json: try JSONValue(parsing: #"{"defaultCulture":"en-US"}"#)) }
        #expect(throws: ModelDecodingError.self) { try CountryValidationRules(json: .array([])) }
    }
}
