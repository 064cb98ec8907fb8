import BillingSyncEngine
import Foundation
import PartnerCenterModels
import Testing

@Suite("Country rules checked locally")
struct CountryRulesCheckTests {
    /// The recorded US rules of the reference (§9.2), trimmed to the states used here.
    static let us = try! CountryValidationRules(json: try! JSONValue(parsing: #"""
        {"iso2Code":"US","defaultCulture":"en-US","isStateRequired":true,"supportedStatesList":["WA","TX","MA"],
         "supportedLanguagesList":["en","es"],"supportedCulturesList":["en-US","es-US"],"isPostalCodeRequired":true,
         "postalCodeRegex":"^\\d{5}(-\\d{4})?$","isCityRequired":true,
         "phoneNumberRegex":"^(1[ \\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[ \\-\\/\\.]?(\\d{3})[ \\-\\/\\.]?(\\d{4})$"}
        """#))
    /// PascalCase keys, no states, and a .NET-only phone regex (a conditional group).
    static let ru = try! CountryValidationRules(json: try! JSONValue(parsing: #"""
        {"Iso2Code":"RU","IsStateRequired":false,"SupportedStatesList":[],"SupportedLanguagesList":["ru","en"],
         "SupportedCulturesList":["ru-RU"],"IsPostalCodeRequired":true,"PostalCodeRegex":"^\\d{6}$","IsCityRequired":true,
         "PhoneNumberRegex":"^(\\+)?(?(1)7|8)\\d{10}$"}
        """#))

    static func profile(_ address: [String: String], culture: String = "en-US", language: String = "en") -> JSONValue {
        .object(["culture": .string(culture), "language": .string(language),
                 "defaultAddress": .object(address.mapValues { .string($0) })])
    }

    static let redmond = ["country": "US", "city": "Redmond", "state": "WA", "postalCode": "98052",
                          "addressLine1": "1 Microsoft Way", "phoneNumber": "425 555 0100"]

    static func with(_ changes: [String: String?]) -> [String: String] {
        var address = redmond
        for (key, value) in changes { address[key] = value }
        return address
    }

    @Test("each rule, one case each: the message names the field and the rule", arguments: [
        (with([:]), "en-US", "en", [String]()),
        (with(["postalCode": "9805"]), "en-US", "en", ["defaultAddress.postalCode/postalCodeRegex"]),
        (with(["postalCode": "98052-8300"]), "en-US", "en", []),
        (with(["state": "ZZ"]), "en-US", "en", ["defaultAddress.state/supportedStatesList"]),
        (with(["state": "wa"]), "en-US", "en", []),
        (with(["state": nil]), "en-US", "en", ["defaultAddress.state/isStateRequired"]),
        (with(["city": " "]), "en-US", "en", ["defaultAddress.city/isCityRequired"]),
        (with(["postalCode": nil]), "en-US", "en", ["defaultAddress.postalCode/isPostalCodeRequired"]),
        (with(["phoneNumber": "+41 44 555 0101"]), "en-US", "en", ["defaultAddress.phoneNumber/phoneNumberRegex"]),
        (with(["phoneNumber": "(425) 555-0100"]), "en-US", "en", []),
        (with([:]), "fr-FR", "en", ["culture/supportedCulturesList"]),
        (with([:]), "en-us", "EN", []),
        (with([:]), "en-US", "de", ["language/supportedLanguagesList"]),
    ])
    func usRules(address: [String: String], culture: String, language: String, expected: [String]) {
        let findings = CountryRulesCheck.findings(profile: Self.profile(address, culture: culture, language: language), rules: Self.us)
        #expect(findings.map { "\($0.field)/\($0.rule)" } == expected)
        for finding in findings {
            #expect(finding.kind == .violation)
            #expect(finding.message.contains(finding.field) && finding.message.contains(finding.rule))
        }
    }

    @Test("a regex ICU cannot compile is skipped and said so; PascalCase rules are read")
    func dotNetOnlyRegex() {
        let findings = CountryRulesCheck.findings(
            profile: Self.profile(["country": "RU", "city": "Москва", "postalCode": "101000", "phoneNumber": "+74951234567"],
                                  culture: "ru-RU", language: "ru"), rules: Self.ru)
        #expect(findings.count == 1)
        #expect(findings.first?.kind == .skipped && findings.first?.rule == "phoneNumberRegex")
        #expect(findings.first?.message.contains("cannot be compiled") == true)
        let wrongPostal = CountryRulesCheck.findings(
            profile: Self.profile(["country": "RU", "city": "Москва", "postalCode": "1010"], culture: "ru-RU", language: "ru"),
            rules: Self.ru)
        #expect(wrongPostal.map(\.rule) == ["postalCodeRegex"])
    }

    @Test("an unknown country is named as such")
    func unknownCountry() {
        let findings = CountryRulesCheck.findings(profile: Self.profile(Self.with(["country": "UK"])), rules: nil)
        #expect(findings.map(\.field) == ["defaultAddress.country"])
        #expect(findings.first?.message.contains("\"UK\"") == true && findings.first?.message.contains("unknown country") == true)
    }

    @Test("only violations in changed fields block; a changed country blocks every address finding")
    func blocking() {
        let findings = CountryRulesCheck.findings(
            profile: Self.profile(Self.with(["postalCode": "9805", "phoneNumber": "12"]), culture: "fr-FR"), rules: Self.us)
        #expect(findings.count == 3)
        let byCity = CountryRulesCheck.blocking(findings, rulesKnown: true, changed: ["defaultaddress.city"])
        #expect(byCity.isEmpty)
        let byPostal = CountryRulesCheck.blocking(findings, rulesKnown: true, changed: ["defaultaddress.postalcode"])
        #expect(byPostal.map(\.field) == ["defaultAddress.postalCode"])
        let byCountry = CountryRulesCheck.blocking(findings, rulesKnown: true, changed: ["defaultaddress.country"])
        #expect(Set(byCountry.map(\.field)) == ["defaultAddress.postalCode", "defaultAddress.phoneNumber"])
        let unknown = CountryRulesCheck.findings(profile: Self.profile(Self.with(["country": "UK"])), rules: nil)
        #expect(CountryRulesCheck.blocking(unknown, rulesKnown: false, changed: ["culture"]).isEmpty)
        #expect(CountryRulesCheck.blocking(unknown, rulesKnown: false, changed: ["defaultaddress.city"]).count == 1)
    }
}
