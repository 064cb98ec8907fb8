/// Read and write access by key, tolerant of the PascalCase keys some Partner Center documents show.
extension JSONValue {
    /// The object's members, or nil for any other kind of value.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string, or nil for any other kind of value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The array, or nil for any other kind of value.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member whose key equals `key` ignoring ASCII case (exact match preferred).
    public subscript(member key: String) -> JSONValue? {
        guard let members = objectValue else { return nil }
        if let exact = members[key] { return exact }
        return members.first { Self.equalIgnoringASCIICase($0.key, key) }?.value
    }

    /// The value at a dotted path such as `defaultAddress.city`, matching keys case-insensitively.
    public func value(atPath path: String) -> JSONValue? {
        value(atPathComponents: path.split(separator: ".").map(String.init))
    }

    /// The value at an already split path (hot loops keep the components instead of re-splitting).
    public func value(atPathComponents components: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for component in components {
            current = current?[member: component]
        }
        return current
    }

    /// ASCII case-insensitive equality without allocating lower-cased copies.
    static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        // Case folding of ASCII keeps the length: most keys differ already there.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                if a != b, Self.asciiLower(a) != Self.asciiLower(b) { return false }
            default: return false
            }
        }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// Sets the value at a dotted path, creating objects on the way and reusing the existing
    /// spelling of a key when one is present in another case.
    public mutating func setValue(_ newValue: JSONValue, atPath path: String) {
        let components = path.split(separator: ".").map(String.init)
        self = Self.setting(newValue, in: self, components: components[...])
    }

    private static func setting(_ newValue: JSONValue, in value: JSONValue, components: ArraySlice<String>) -> JSONValue {
        guard let first = components.first else { return newValue }
        var members = value.objectValue ?? [:]
        let key = members.keys.first { $0.lowercased() == first.lowercased() } ?? first
        members[key] = setting(newValue, in: members[key] ?? .null, components: components.dropFirst())
        return .object(members)
    }
}
