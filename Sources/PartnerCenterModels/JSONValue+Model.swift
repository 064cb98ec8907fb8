import Foundation

/// Lenient reads used by the wire models: keys match ignoring case, `null` reads as absent,
/// and scalars that Partner Center sometimes sends as numbers (etags, codes) read as text.
extension JSONValue {
    /// The member `key` as text: strings as they are, numbers and booleans in their JSON spelling;
    /// nil when absent, `null`, an object or an array.
    public func text(_ key: String) -> String? {
        self[member: key]?.scalarText
    }

    /// This value as text when it is a string, number or boolean.
    public var scalarText: String? {
        switch self {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        case .null, .array, .object: return nil
        }
    }

    /// The member `key` as an integer (accepting `"42"` as well as `42`).
    public func integer(_ key: String) -> Int? {
        switch self[member: key] {
        case .integer(let value)?: return Int(exactly: value)
        case .double(let value)?: return Int(exactly: value)
        case .string(let value)?: return Int(value.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// The member `key` as a boolean (accepting `"true"`/`"false"` as well as JSON booleans).
    public func flag(_ key: String) -> Bool? {
        switch self[member: key] {
        case .bool(let value)?: return value
        case .string(let value)?:
            switch value.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// The member `key` when it is an object (nil when absent or `null`).
    public func object(_ key: String) -> JSONValue? {
        guard let value = self[member: key], value.objectValue != nil else { return nil }
        return value
    }

    /// The member `key` as an array (empty when absent or `null`).
    public func array(_ key: String) -> [JSONValue] {
        self[member: key]?.arrayValue ?? []
    }

    /// The JSON text of this value (keys sorted), for request bodies.
    public func jsonData() -> Data {
        canonicalData()
    }
}
