/// One documented field of a customer's billing profile (`CustomerBillingProfile` and its
/// `defaultAddress`), with the limits Partner Center documents for it.
///
/// This table is the single source of truth for: the mirror's flattened columns, the fields an
/// edit may set, the field-by-field diff and merge, and the emulator's validation.
public struct BillingProfileField: Sendable, Hashable, CustomStringConvertible {
    /// Dotted path in the resource, camelCase as the service returns it, e.g. `defaultAddress.city`.
    public let path: String
    /// `path` split at its dots, kept so hot loops do not split it again.
    public let pathComponents: [String]
    /// The SQLite column of `billing_profiles` holding it.
    public let column: String
    /// Documented minimum length when a value is present (nil: no limit).
    public let minLength: Int?
    /// Documented maximum length (nil: none documented; the reference's table is followed, not invented).
    public let maxLength: Int?
    /// Must be present and non-null in a full resource sent with PUT.
    public let isRequired: Bool
    /// May be changed by a local edit (the profile `id` is server-managed).
    public let isEditable: Bool

    public var description: String { path }

    init(_ path: String, column: String, min: Int? = nil, max: Int? = nil,
         required: Bool = false, editable: Bool = true) {
        self.path = path
        self.pathComponents = path.split(separator: ".").map(String.init)
        self.column = column
        self.minLength = min
        self.maxLength = max
        self.isRequired = required
        self.isEditable = editable
    }
}

extension BillingProfileField {
    /// Every documented field, in the order of the reference (profile first, then the address
    /// in swagger order).
    public static let all: [BillingProfileField] = [
        .init("id", column: "profile_id", editable: false),
        .init("firstName", column: "first_name"),
        .init("lastName", column: "last_name"),
        .init("email", column: "email"),
        .init("culture", column: "culture"),
        .init("language", column: "language"),
        .init("companyName", column: "company_name"),
        .init("defaultAddress.country", column: "address_country", min: 2, max: 2, required: true),
        .init("defaultAddress.region", column: "address_region"),
        .init("defaultAddress.city", column: "address_city"),
        .init("defaultAddress.state", column: "address_state", max: 2),
        .init("defaultAddress.district", column: "address_district"),
        .init("defaultAddress.addressLine1", column: "address_line1", min: 1, max: 200, required: true),
        .init("defaultAddress.addressLine2", column: "address_line2", max: 200),
        .init("defaultAddress.addressLine3", column: "address_line3"),
        .init("defaultAddress.postalCode", column: "address_postal_code"),
        .init("defaultAddress.firstName", column: "address_first_name", min: 1, max: 50, required: true),
        .init("defaultAddress.middleName", column: "address_middle_name", min: 1, max: 50),
        .init("defaultAddress.lastName", column: "address_last_name", min: 1, max: 50, required: true),
        .init("defaultAddress.phoneNumber", column: "address_phone_number"),
        .init("defaultAddress.emailAddress", column: "address_email_address"),
    ]

    /// Countries where Partner Center requires `defaultAddress.phoneNumber` (error 600051).
    public static let countriesRequiringPhoneNumber: Set<String> = [
        "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA",
        "PL", "AE", "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE",
    ]

    /// The field at `path`, matched ignoring ASCII case (so `DefaultAddress.City` works too).
    public static func named(_ path: String) -> BillingProfileField? {
        let lowered = path.lowercased()
        return all.first { $0.path.lowercased() == lowered }
    }

    /// Checks one value against the documented type and limits; returns a message naming the
    /// field and the broken rule, or nil when the value is acceptable.
    public func violation(for value: JSONValue?) -> String? {
        guard let value, !value.isNull else {
            return isRequired ? "\(path) is required" : nil
        }
        guard let text = value.stringValue else {
            return "\(path) must be a string"
        }
        let length = text.count
        if let minLength, length < minLength {
            return minLength == maxLength
                ? "\(path) must be exactly \(minLength) characters (got \(length))"
                : "\(path) must be at least \(minLength) characters (got \(length))"
        }
        if let maxLength, length > maxLength {
            return maxLength == minLength
                ? "\(path) must be exactly \(maxLength) characters (got \(length))"
                : "\(path) must be at most \(maxLength) characters (got \(length))"
        }
        if path == "email" || path == "defaultAddress.emailAddress", !text.isEmpty, !Self.looksLikeEmail(text) {
            return "\(path) is not an email address: \(text.debugDescription)"
        }
        // Unicode's control characters (general category Cc), by their two fixed ranges (reading
        // the scalar's properties cost the simulation 3 % of its time).
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "\(path) contains control characters"
        }
        return nil
    }

    /// Every violation of a whole profile resource (documented limits plus the phone-number rule).
    public static func violations(in profile: JSONValue) -> [String] {
        var problems = all.compactMap { $0.violation(for: profile.value(atPathComponents: $0.pathComponents)) }
        if let country = profile.value(atPath: "defaultAddress.country")?.stringValue?.uppercased(),
           countriesRequiringPhoneNumber.contains(country),
           (profile.value(atPath: "defaultAddress.phoneNumber")?.stringValue ?? "").isEmpty {
            problems.append("defaultAddress.phoneNumber is required for customers in \(country)")
        }
        return problems
    }

    private static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace })
    }
}
