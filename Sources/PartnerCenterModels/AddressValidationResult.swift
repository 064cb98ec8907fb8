import Foundation

/// What Partner Center's address service said about one address
/// (`POST /v1/validations/address`), in either of its contracts.
///
/// - Current (since May 2021): `{originalAddress, suggestedAddresses, status, validationMessage}`.
/// - Older: an empty 200 when valid, or 400 code 2007 whose `description` is a JSON string
///   `{"code":"60071","reason":"ZipCityInvalid - Details: …","corrected_address":{…}}`. It is read
///   as status `Verified` (empty 200) or the reason's first word (e.g. `ZipCityInvalid`, which is
///   not verified), the corrected address as the one suggestion and the reason as the message.
public struct AddressValidationResult: Sendable, Equatable {
    /// Which answer shape it came in.
    public enum Contract: String, Sendable {
        case current
        case legacy
    }

    /// The status, raw.
    public var status: AddressValidationStatus
    /// The suggested addresses as sent (JSON objects, keys as received).
    public var suggestions: [JSONValue]
    /// `validationMessage` (or the older contract's reason).
    public var message: String?
    /// `originalAddress` as sent back, when it was.
    public var originalAddress: JSONValue?
    /// Which contract answered.
    public var contract: Contract

    /// Creates a result.
    public init(status: AddressValidationStatus, suggestions: [JSONValue] = [], message: String? = nil,
                originalAddress: JSONValue? = nil, contract: Contract = .current) {
        self.status = status
        self.suggestions = suggestions
        self.message = message
        self.originalAddress = originalAddress
        self.contract = contract
    }

    /// Reads a 200 answer: an object with `status` (current contract), or an empty body /
    /// `null` (older contract: valid). Keys may be camelCase or PascalCase.
    public init(json: JSONValue) throws(ModelDecodingError) {
        if json.isNull {
            self.init(status: AddressValidationStatus("Verified"), contract: .legacy)
            return
        }
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "AddressValidationResponse", reason: "not a JSON object")
        }
        guard let status = json.text("status"), !status.isEmpty else {
            throw ModelDecodingError(resource: "AddressValidationResponse", reason: "status is missing")
        }
        self.init(status: AddressValidationStatus(status),
                  suggestions: json.array("suggestedAddresses").filter { $0.objectValue != nil },
                  message: json.text("validationMessage").flatMap { $0.isEmpty ? nil : $0 },
                  originalAddress: json.object("originalAddress"))
    }

    /// Reads the older contract's refusal: the `description` of a 400 with code 2007, a JSON
    /// string holding `{code, reason, corrected_address}`. A description that is not such JSON
    /// still gives a not-verified result with the text as its message.
    public init(legacyDescription description: String) {
        let inner = Self.embeddedObject(description)
        let reason = inner?.text("reason") ?? description
        let word = reason.split(whereSeparator: { $0 == " " || $0 == "-" }).first.map(String.init) ?? ""
        let corrected = inner?.object("corrected_address") ?? inner?.object("correctedAddress")
        self.init(status: AddressValidationStatus(word.isEmpty ? "Invalid" : word),
                  suggestions: corrected.map { [$0] } ?? [], message: reason, contract: .legacy)
    }

    /// The JSON object in `text`: the whole text, or (when a client appended more to it) the
    /// span from its first `{` to its last `}`.
    private static func embeddedObject(_ text: String) -> JSONValue? {
        var candidates = [Substring(text)]
        if let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close {
            candidates.append(text[open...close])
        }
        for candidate in candidates {
            if let value = try? JSONValue(parsing: Data(candidate.utf8)), value.objectValue != nil { return value }
        }
        return nil
    }

    /// The suggestions read as addresses.
    public var suggestedAddresses: [Address] { suggestions.map(Address.init(json:)) }
}
