/// Partner Center's rules for one country (`GET /v1/countryvalidationrules/{iso2}`): which
/// address parts are required, the states, cultures and languages it supports, and the .NET
/// flavoured regexes for postal codes and phone numbers. Keys are read in camelCase or
/// PascalCase; the whole resource is kept in `resource` (it is cached as received).
public struct CountryValidationRules: Sendable, Equatable {
    /// The resource as received, parsed.
    public var resource: JSONValue
    /// The body's JSON text exactly as received, when it is known (what the cache keeps).
    public var receivedText: String?

    /// Reads the rules; the body must be an object with `iso2Code`. `receivedText` is the body's
    /// text as received, when known.
    public init(json: JSONValue, receivedText: String? = nil) throws(ModelDecodingError) {
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "CountryValidationRules", reason: "not a JSON object")
        }
        guard json.text("iso2Code")?.isEmpty == false else {
            throw ModelDecodingError(resource: "CountryValidationRules", reason: "iso2Code is missing")
        }
        resource = json
        self.receivedText = receivedText
    }

    /// The rules a cache row holds (`country_rules.raw_json`: the body as received, kept as its
    /// `receivedText`); nil for a row that records that the country has none (NULL).
    public static func cached(_ rawJSON: String?) throws -> CountryValidationRules? {
        guard let rawJSON else { return nil }
        return try CountryValidationRules(json: try JSONValue(parsing: rawJSON), receivedText: rawJSON)
    }

    /// The country, e.g. `US` (upper-cased).
    public var iso2Code: String { (resource.text("iso2Code") ?? "").uppercased() }
    /// The culture used when none is given, e.g. `en-US`.
    public var defaultCulture: String? { resource.text("defaultCulture") }
    /// Whether `defaultAddress.state` is required.
    public var isStateRequired: Bool { resource.flag("isStateRequired") ?? false }
    /// Whether `defaultAddress.city` is required.
    public var isCityRequired: Bool { resource.flag("isCityRequired") ?? false }
    /// Whether `defaultAddress.postalCode` is required.
    public var isPostalCodeRequired: Bool { resource.flag("isPostalCodeRequired") ?? false }
    /// The states a `state` must be one of (empty: not checked against a list).
    public var supportedStates: [String] { resource.array("supportedStatesList").compactMap(\.scalarText) }
    /// The languages a profile's `language` must be one of (empty: not checked).
    public var supportedLanguages: [String] { resource.array("supportedLanguagesList").compactMap(\.scalarText) }
    /// The cultures a profile's `culture` must be one of (empty: not checked).
    public var supportedCultures: [String] { resource.array("supportedCulturesList").compactMap(\.scalarText) }
    /// The .NET regex a postal code must match; nil or empty when there is none.
    public var postalCodeRegex: String? { resource.text("postalCodeRegex").flatMap { $0.isEmpty ? nil : $0 } }
    /// The .NET regex a phone number must match; nil or empty when there is none.
    public var phoneNumberRegex: String? { resource.text("phoneNumberRegex").flatMap { $0.isEmpty ? nil : $0 } }
    /// International calling codes, e.g. `["1"]`.
    public var countryCallingCodes: [String] { resource.array("countryCallingCodesList").compactMap(\.scalarText) }
}
