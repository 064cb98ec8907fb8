import PartnerCenterModels

/// A local edit: a JSON merge patch (RFC 7396) on the billing profile, restricted to the
/// documented editable fields of `BillingProfileField`.
///
/// The patch is kept flat: each key is a dotted field path in the canonical camelCase spelling of
/// `BillingProfileField.path` (`defaultAddress.city`), each value the new value; `.null` clears
/// the field. `parse(json:)` and `parse(assignments:)` produce only such keys; the plain
/// initializer takes the dictionary as given (check it with `EditValidator`).
public struct EditPatch: Sendable, Equatable {
    /// Dotted field path → new value (`.null` clears the field).
    public let changes: [String: JSONValue]

    /// Wraps already-flattened changes without checking them.
    public init(changes: [String: JSONValue]) {
        self.changes = changes
    }

    /// The changed paths in a stable order: documented field order, then any other path sorted.
    public var orderedPaths: [String] {
        changes.keys.sorted { lhs, rhs in
            let left = Self.documentedIndex(lhs), right = Self.documentedIndex(rhs)
            return left != right ? left < right : lhs < rhs
        }
    }

    /// The nested merge-patch form (`{"defaultAddress":{"city":"Seattle"}}`), as stored in the
    /// outbox; `parse(json:)` of its canonical text gives back an equal patch.
    public func mergePatchJSON() -> JSONValue {
        var document = JSONValue.object([:])
        for path in orderedPaths {
            document.setValue(changes[path] ?? .null, atPath: path)
        }
        return document
    }

    /// The resource with the changes applied with RFC 7396 semantics for the touched paths: a
    /// value replaces the member, `.null` removes it. Every other member is kept as it was,
    /// including unknown fields, `links`, `attributes` and the resource's own key spelling
    /// (a PascalCase `"City"` is updated in place rather than duplicated as `"city"`).
    public func applied(to resource: JSONValue) -> JSONValue {
        var result = resource
        for path in orderedPaths {
            let components = path.split(separator: ".").map(String.init)
            result = Self.applying(changes[path] ?? .null, at: components[...], to: result)
        }
        return result
    }

    /// This edit followed by `later`: the union of both, `later` winning for a field both change.
    public func coalesced(with later: EditPatch) -> EditPatch {
        EditPatch(changes: changes.merging(later.changes) { _, newer in newer })
    }

    /// RFC 7396 for one path: a non-object target becomes `{}`, `null` removes the member.
    private static func applying(_ value: JSONValue, at components: ArraySlice<String>,
                                 to target: JSONValue) -> JSONValue {
        guard let first = components.first else { return value }
        var members = target.objectValue ?? [:]
        let lowered = first.lowercased()
        let spellings = members.keys.filter { $0.lowercased() == lowered }.sorted()
        let key = spellings.contains(first) ? first : (spellings.first ?? first)
        if components.count == 1 {
            for spelling in spellings { members[spelling] = nil }
            if !value.isNull { members[key] = value }
        } else {
            members[key] = applying(value, at: components.dropFirst(), to: members[key] ?? .null)
        }
        return .object(members)
    }

    /// Position of a documented field (case-insensitive), or `Int.max` for any other path.
    static func documentedIndex(_ path: String) -> Int {
        let lowered = path.lowercased()
        return BillingProfileField.all.firstIndex { $0.path.lowercased() == lowered } ?? Int.max
    }
}
