import Foundation
import PartnerCenterModels

/// Checks a billing profile against its country's validation rules (reference §9.2), locally:
/// the required state, city and postal code, the state in `supportedStatesList`, the postal code
/// and phone number against their regexes, the culture in `supportedCulturesList` and the
/// language in `supportedLanguagesList`; a country without rules is named as such.
///
/// The regexes are .NET flavoured. They are compiled with `NSRegularExpression` (ICU), which
/// shares most of the syntax; one it cannot compile (e.g. a .NET conditional group `(?(1)…)`) is
/// skipped, and a `skipped` finding says so. Lists are compared ignoring case; an empty list
/// means "not checked", as in Partner Center's own data (PT has no states).
public enum CountryRulesCheck {
    /// The findings for `profile` (a billing-profile resource; keys in any case). `rules` nil
    /// means the service has no rules for the profile's country.
    public static func findings(profile: JSONValue, rules: CountryValidationRules?) -> [CountryRulesFinding] {
        let address = profile.object("defaultAddress") ?? .object([:])
        let country = address.text("country") ?? ""
        guard let rules else {
            return [violation("defaultAddress.country", "country",
                              "defaultAddress.country \(country.debugDescription) has no Partner Center validation rules: unknown country/region (an ISO 3166 alpha-2 code is expected, e.g. GB, not UK)")]
        }
        let code = rules.iso2Code
        var found: [CountryRulesFinding] = []
        let required: [(String, Bool, String)] = [
            ("state", rules.isStateRequired, "isStateRequired"),
            ("city", rules.isCityRequired, "isCityRequired"),
            ("postalCode", rules.isPostalCodeRequired, "isPostalCodeRequired"),
        ]
        for (key, isRequired, rule) in required where isRequired && blank(address.text(key)) {
            found.append(violation("defaultAddress.\(key)", rule, "defaultAddress.\(key) is required in \(code) (\(rule))"))
        }
        if let state = nonBlank(address.text("state")), !rules.supportedStates.isEmpty,
           !contains(rules.supportedStates, state) {
            found.append(violation("defaultAddress.state", "supportedStatesList",
                                   "defaultAddress.state \(state.debugDescription) is not in supportedStatesList of \(code)"))
        }
        if let postal = nonBlank(address.text("postalCode")), let pattern = rules.postalCodeRegex {
            found += regexFindings("defaultAddress.postalCode", postal, "postalCodeRegex", pattern, code)
        }
        if let phone = nonBlank(address.text("phoneNumber")), let pattern = rules.phoneNumberRegex {
            found += regexFindings("defaultAddress.phoneNumber", phone, "phoneNumberRegex", pattern, code)
        }
        if let culture = nonBlank(profile.text("culture")), !rules.supportedCultures.isEmpty,
           !contains(rules.supportedCultures, culture) {
            found.append(violation("culture", "supportedCulturesList",
                                   "culture \(culture.debugDescription) is not in supportedCulturesList of \(code) (\(rules.supportedCultures.joined(separator: ", ")))"))
        }
        if let language = nonBlank(profile.text("language")), !rules.supportedLanguages.isEmpty,
           !contains(rules.supportedLanguages, language) {
            found.append(violation("language", "supportedLanguagesList",
                                   "language \(language.debugDescription) is not in supportedLanguagesList of \(code) (\(rules.supportedLanguages.joined(separator: ", ")))"))
        }
        return found
    }

    /// The findings that reject a change of `changed` (lower-cased paths): a violation in a
    /// changed field; any address violation when the country changes; an unknown country
    /// (`rulesKnown` false) whenever the address changes.
    public static func blocking(_ findings: [CountryRulesFinding], rulesKnown: Bool, changed: Set<String>) -> [CountryRulesFinding] {
        let countryChanged = changed.contains("defaultaddress.country")
        let addressChanged = changed.contains { $0.hasPrefix("defaultaddress.") }
        return findings.filter { finding in
            guard finding.kind == .violation else { return false }
            let field = finding.field.lowercased()
            if !rulesKnown { return addressChanged }
            return changed.contains(field) || (countryChanged && field.hasPrefix("defaultaddress."))
        }
    }

    private static func regexFindings(_ field: String, _ value: String, _ rule: String, _ pattern: String,
                                      _ code: String) -> [CountryRulesFinding] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            return [CountryRulesFinding(field: field, rule: rule,
                                        message: "\(field) not checked: \(rule) \(pattern) of \(code) cannot be compiled here (.NET-only syntax)",
                                        kind: .skipped)]
        }
        guard regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) == nil else { return [] }
        return [violation(field, rule, "\(field) \(value.debugDescription) does not match \(rule) \(pattern) of \(code)")]
    }

    private static func violation(_ field: String, _ rule: String, _ message: String) -> CountryRulesFinding {
        CountryRulesFinding(field: field, rule: rule, message: message, kind: .violation)
    }

    private static func contains(_ list: [String], _ value: String) -> Bool {
        list.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
    }

    private static func blank(_ text: String?) -> Bool { nonBlank(text) == nil }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}
