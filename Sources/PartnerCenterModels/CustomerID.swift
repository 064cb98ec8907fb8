/// A Partner Center customer (tenant) id: a GUID, kept in lower case.
///
/// Every id is validated before it is put into a URL path, so a hostile or corrupt value
/// (`../`, `?`, `%2F`, spaces) can never reach the server as part of a path.
public struct CustomerID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The canonical lower-case form, e.g. `eebd1b55-5360-4438-a11d-5c06918c3014`.
    public let rawValue: String

    /// Accepts `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in any case (optionally in braces); nil otherwise.
    public init?(_ text: String) {
        var candidate = Substring(text)
        if candidate.hasPrefix("{") && candidate.hasSuffix("}") {
            candidate = candidate.dropFirst().dropLast()
        }
        guard Self.isGUID(candidate) else { return nil }
        rawValue = candidate.lowercased()
    }

    /// Parses or throws an error that names the rejected value.
    public static func parse(_ text: String) throws(InvalidCustomerID) -> CustomerID {
        guard let id = CustomerID(text) else { throw InvalidCustomerID(value: text) }
        return id
    }

    public var description: String { rawValue }

    public static func < (lhs: CustomerID, rhs: CustomerID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CustomerID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "customer id \(text.debugDescription) is not a GUID"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// True when `text` is exactly 8-4-4-4-12 hexadecimal digits.
    static func isGUID(_ text: Substring) -> Bool {
        let groups = [8, 4, 4, 4, 12]
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == groups.count else { return false }
        for (part, length) in zip(parts, groups) {
            guard part.utf8.count == length, part.utf8.allSatisfy({ $0.isHexDigit }) else { return false }
        }
        return true
    }
}

/// A value that was not a GUID where a customer id was required.
public struct InvalidCustomerID: Error, Sendable, CustomStringConvertible {
    /// The rejected text.
    public let value: String

    public init(value: String) {
        self.value = value
    }
    public var description: String {
        "customer id \(value.debugDescription) is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
