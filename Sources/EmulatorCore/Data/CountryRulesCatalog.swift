import PartnerCenterModels

/// The country validation rules the emulator serves (`GET /v1/countryvalidationrules/{iso2}`).
///
/// US is the recorded real response of the reference (§9.2) and PT follows its example; the
/// others use the real-world formats of their postal codes and phone numbers. Every country the
/// data generator draws customers from has rules, so generated addresses can be checked. RU's
/// phone regex uses a .NET conditional group (`(?(1)…)`), which ICU (`NSRegularExpression`)
/// cannot compile: a client must skip that check and say so. Any other code, e.g. `UK`, has no
/// rules ("No validation rules were found for the country/region UK").
enum CountryRulesCatalog {
    /// The rules of `iso2` (case-insensitive) as the API renders them; nil for an unknown country.
    static func rules(_ iso2: String) -> JSONValue? {
        all[iso2.uppercased()]
    }

    /// The countries with rules.
    static var countries: [String] { all.keys.sorted() }

    private static let nanpPhone = #"^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?(\d{4})$"#

    private static let all: [String: JSONValue] = Dictionary(uniqueKeysWithValues: [
        make("US", culture: "en-US", cultures: ["en-US", "es-US"], languages: ["en", "es"],
             states: ["AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
                      "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ",
                      "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT",
                      "WA", "WI", "WV", "WY"],
             postal: #"^\d{5}(-\d{4})?$"#, phone: nanpPhone, callingCodes: ["1"], taxIdOptional: true),
        make("CA", culture: "en-CA", cultures: ["en-CA", "fr-CA"], languages: ["en", "fr"],
             states: ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"],
             postal: #"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d$"#, phone: nanpPhone,
             callingCodes: ["1"]),
        make("GB", culture: "en-GB", cultures: ["en-GB"], languages: ["en"], states: [],
             postal: #"^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|([A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?)|[0-9][A-HJKPS-UW]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"#,
             phone: #"^(\+?44|0)\d{9,10}$"#, callingCodes: ["44"], vat: true),
        make("DE", culture: "de-DE", cultures: ["de-DE", "en-US"], languages: ["de", "en"], states: [],
             postal: #"^\d{5}$"#, phone: #"^(\+?49|0)\d{6,13}$"#, callingCodes: ["49"], vat: true),
        make("PT", culture: "pt-PT", cultures: ["pt-PT", "en-US"], languages: ["en", "pt-PT"], states: [],
             postal: #"^\d{4}(-\d{3})?$"#, phone: #"^(\+?351)?\d{9}$"#, callingCodes: ["351"], vat: true),
        make("JP", culture: "ja-JP", cultures: ["ja-JP", "en-US"], languages: ["ja", "en"], states: [],
             postal: #"^\d{3}-?\d{4}$"#, phone: #"^(\+?81|0)\d{9,10}$"#, callingCodes: ["81"]),
        make("CN", culture: "zh-CN", cultures: ["zh-CN", "en-US"], languages: ["zh", "zh-Hans", "en"], states: [],
             postal: #"^\d{6}$"#, phone: #"^(\+?86)?\d{10,11}$"#, callingCodes: ["86"]),
        make("FR", culture: "fr-FR", cultures: ["fr-FR", "en-US"], languages: ["fr", "en"], states: [],
             postal: #"^\d{5}$"#, phone: #"^(\+?33|0)\d{9,10}$"#, callingCodes: ["33"], vat: true),
        make("RU", culture: "ru-RU", cultures: ["ru-RU", "en-US"], languages: ["ru", "en"], states: [],
             postal: #"^\d{6}$"#, phone: #"^(\+)?(?(1)7|8)\d{10}$"#, callingCodes: ["7"]),
        make("IN", culture: "en-IN", cultures: ["en-IN", "hi-IN"], languages: ["en", "hi"],
             states: ["AN", "AP", "AR", "AS", "BR", "CH", "CT", "DH", "DL", "GA", "GJ", "HP", "HR", "JH", "JK", "KA",
                      "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OR", "PB", "PY", "RJ", "SK", "TG", "TN",
                      "TR", "UP", "UT", "WB"],
             postal: #"^\d{6}$"#, phone: #"^(\+?91|0)?\d{10}$"#, callingCodes: ["91"]),
        make("BR", culture: "pt-BR", cultures: ["pt-BR", "en-US"], languages: ["pt", "pt-BR", "en"],
             states: ["AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE",
                      "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"],
             postal: #"^\d{5}-?\d{3}$"#, phone: #"^(\+?55)?\d{10,11}$"#, callingCodes: ["55"]),
        make("PL", culture: "pl-PL", cultures: ["pl-PL", "en-US"], languages: ["pl", "en"], states: [],
             postal: #"^\d{2}-\d{3}$"#, phone: #"^(\+?48)?\d{9,10}$"#, callingCodes: ["48"], vat: true),
    ])

    private static func make(_ iso2: String, culture: String, cultures: [String], languages: [String],
                             states: [String], postal: String, phone: String, callingCodes: [String],
                             vat: Bool = false, taxIdOptional: Bool = false) -> (String, JSONValue) {
        let strings: ([String]) -> JSONValue = { .array($0.map { .string($0) }) }
        return (iso2, .object([
            "iso2Code": .string(iso2),
            "defaultCulture": .string(culture),
            "isStateRequired": .bool(!states.isEmpty),
            "supportedStatesList": strings(states),
            "supportedLanguagesList": strings(languages),
            "supportedCulturesList": strings(cultures),
            "isPostalCodeRequired": .bool(true),
            "postalCodeRegex": .string(postal),
            "isCityRequired": .bool(true),
            "isVatIdSupported": .bool(vat),
            "phoneNumberRegex": .string(phone),
            "isTaxIdSupported": .bool(true),
            "isTaxIdOptional": .bool(taxIdOptional),
            "countryCallingCodesList": strings(callingCodes),
            "attributes": .object(["objectType": .string("CountryValidationRules")]),
        ]))
    }
}
