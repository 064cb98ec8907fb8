/// The `status` of an address validation, kept exactly as the service sent it.
///
/// The documented values are Verified shippable, Verified, Interaction required, Street partial,
/// Premises partial, Multiple, None and Not validated; only `VerifiedShippable` and
/// `StreetPartial` are confirmed on the wire, so any other text is kept and counts as not
/// verified.
public struct AddressValidationStatus: Sendable, Hashable, CustomStringConvertible {
    /// The text as received (e.g. `StreetPartial`).
    public let rawValue: String

    /// Wraps a status text.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// `VerifiedShippable` or `Verified` (compared ignoring case, spaces and underscores): the
    /// only statuses under which an address counts as good.
    public var isVerified: Bool {
        let key = Self.key(rawValue)
        return key == "verifiedshippable" || key == "verified"
    }

    /// One of the documented values (after the same normalisation).
    public var isDocumented: Bool { Self.documented.contains(Self.key(rawValue)) }

    /// The documented statuses with the largest number of suggestions each may carry.
    public static let documentedSuggestionLimits: [String: Int] = [
        "VerifiedShippable": 1, "Verified": 1, "InteractionRequired": 1, "StreetPartial": 3,
        "PremisesPartial": 3, "Multiple": 3, "None": 0, "NotValidated": 0,
    ]

    private static let documented = Set(documentedSuggestionLimits.keys.map(key))

    private static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }
}
