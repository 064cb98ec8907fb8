import Foundation
import PartnerCenterModels

/// The emulator's address service (`POST /v1/validations/address`): a deterministic verdict
/// decided from the address's content alone, so tests and the simulation can aim at each status.
///
/// Rules, in order (the first that applies decides):
/// 1. `addressLine1`, `city`, `postalCode` or `country` missing, or `state` missing where the
///    country requires one: a 400 (800002) naming the field (``AddressAssessment/missingField``).
/// 2. A country without emulated rules (anything but ``CountryRulesCatalog/countries``):
///    `NotValidated`, no suggestion.
/// 3. A postal code not matching the country's `postalCodeRegex`: `None`, no suggestion.
/// 4. `addressLine1` without any digit (no house number): `StreetPartial` with 3 suggestions,
///    the street numbered 1, 10 and 100.
/// 5. A city the emulator's gazetteer knows in several states (`Springfield`, US) with a state
///    that is none of them: `Multiple` with one suggestion per known place (≤ 3).
/// 6. A city the gazetteer knows (the generator's cities) with a postal code that is not that
///    city's: `InteractionRequired` with 1 suggestion carrying the city's postal code.
/// 7. `addressLine2` naming a unit (`Suite`, `Apt`, `Unit`) without a number: `PremisesPartial`
///    with 3 suggestions (`… 100`, `… 200`, `… 300`).
/// 8. Otherwise `VerifiedShippable` for US, `Verified` elsewhere, with 1 suggestion: the address
///    normalised (state and postal code upper-cased) and, in the US, a 5-digit ZIP rewritten to
///    ZIP+4 (the 4 digits derived from `addressLine1`), as the real service does (`98052` →
///    `98052-8300` in the documentation).
///
/// `validationMessage` names the properties at fault, in the documented form
/// `Address field invalid for property: 'PostalCode', 'City'`.
struct AddressAssessment: Sendable {
    /// The status, as the current contract spells it.
    let status: String
    let suggestions: [JSONValue]
    let message: String?
    /// The address as received (camelCase).
    let original: JSONValue

    /// A required property that is missing, or nil.
    static func missingField(_ address: JSONValue) -> String? {
        for key in ["addressLine1", "city", "postalCode", "country"] where blank(address.text(key)) {
            return key
        }
        if let country = address.text("country"), let rules = CountryRulesCatalog.rules(country),
           rules.flag("isStateRequired") == true, blank(address.text("state")) {
            return "state"
        }
        return nil
    }

    /// Judges an address (keys in any case); call ``missingField(_:)`` first.
    static func assess(_ body: JSONValue) -> AddressAssessment {
        let original = ProfileNormalizer.camelCased(body)
        let country = (original.text("country") ?? "").uppercased()
        let line1 = original.text("addressLine1") ?? ""
        let city = original.text("city") ?? ""
        let state = original.text("state")?.uppercased()
        let postal = (original.text("postalCode") ?? "").uppercased()
        func verdict(_ status: String, _ suggestions: [JSONValue], _ message: String?) -> AddressAssessment {
            AddressAssessment(status: status, suggestions: suggestions, message: message, original: original)
        }
        guard let rules = CountryRulesCatalog.rules(country) else {
            return verdict("NotValidated", [], "Address validation is not available for the country/region \(country).")
        }
        if let pattern = rules.text("postalCodeRegex"), !matches(pattern, postal) {
            return verdict("None", [], invalid(["PostalCode"]))
        }
        if !line1.contains(where: \.isNumber) {
            let numbered = ["1", "10", "100"].map { number in
                normalised(original, setting: ["addressLine1": "\(number) \(line1)"])
            }
            return verdict("StreetPartial", numbered, invalid(["AddressLine1"]))
        }
        let places = Gazetteer.places(city: city, country: country)
        if places.count > 1, !places.contains(where: { $0.state == state }) {
            let candidates = places.prefix(3).map { place in
                normalised(original, setting: ["state": place.state ?? "", "postalCode": place.postalCode])
            }
            return verdict("Multiple", Array(candidates), invalid(["Region", "PostalCode"]))
        }
        let place = places.first { $0.state == state } ?? places.first
        if let place, !Gazetteer.samePostalCode(place.postalCode, postal, country: country) {
            let fixed = normalised(original, setting: ["postalCode": place.postalCode])
            return verdict("InteractionRequired", [fixed], invalid(["PostalCode", "City"]))
        }
        if let line2 = original.text("addressLine2"), isUnitWithoutNumber(line2) {
            let units = ["100", "200", "300"].map { normalised(original, setting: ["addressLine2": "\(line2) \($0)"]) }
            return verdict("PremisesPartial", units, invalid(["AddressLine2"]))
        }
        return verdict(country == "US" ? "VerifiedShippable" : "Verified", [normalised(original, setting: [:])], nil)
    }

    /// The current contract's answer body.
    var currentBody: JSONValue {
        var members: [String: JSONValue] = [
            "originalAddress": original,
            "suggestedAddresses": .array(suggestions),
            "status": .string(status),
        ]
        if let message { members["validationMessage"] = .string(message) }
        return .object(members)
    }

    /// The older contract's refusal `description`: a JSON string with `code`, `reason` and the
    /// first suggestion as `corrected_address`. Only `ZipCityInvalid` is a documented reason;
    /// the others are the emulator's names for the remaining statuses.
    var legacyDescription: String {
        let reason = switch status {
        case "InteractionRequired": "ZipCityInvalid"
        case "None": "PostalCodeInvalid"
        case "StreetPartial": "StreetNumberMissing"
        case "PremisesPartial": "PremisesNumberMissing"
        case "Multiple": "MultipleMatches"
        default: "CountryNotSupported"
        }
        var members: [String: JSONValue] = [
            "code": .string("60071"),
            "reason": .string("\(reason) - Details: \(message ?? status)"),
        ]
        if let first = suggestions.first { members["corrected_address"] = first }
        return JSONValue.object(members).canonicalText()
    }

    /// True for the statuses under which the address counts as good.
    var isVerified: Bool { status == "Verified" || status == "VerifiedShippable" }

    private static func invalid(_ properties: [String]) -> String {
        "Address field invalid for property: " + properties.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func blank(_ text: String?) -> Bool {
        text?.trimmingCharacters(in: .whitespaces).isEmpty ?? true
    }

    private static func isUnitWithoutNumber(_ line: String) -> Bool {
        let lowered = line.lowercased()
        return ["suite", "apt", "unit"].contains { lowered.hasPrefix($0) } && !line.contains(where: \.isNumber)
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The address fields the service answers with, normalised, with `changes` applied.
    private static func normalised(_ original: JSONValue, setting changes: [String: String]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in ["addressLine1", "addressLine2", "city", "state", "postalCode", "country"] {
            if let value = changes[key] ?? original.text(key), !value.isEmpty { members[key] = .string(value) }
        }
        for key in ["state", "postalCode", "country"] {
            if let value = members[key]?.stringValue { members[key] = .string(value.uppercased()) }
        }
        if members["country"]?.stringValue == "US", let zip = members["postalCode"]?.stringValue, zip.count == 5 {
            members["postalCode"] = .string("\(zip)-\(plusFour(members["addressLine1"]?.stringValue ?? ""))")
        }
        return .object(members)
    }

    /// Four digits derived from the street (FNV-1a), stable across runs.
    private static func plusFour(_ street: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in street.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let digits = String(hash % 10_000)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
