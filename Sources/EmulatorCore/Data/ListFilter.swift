import PartnerCenterModels

/// The documented `filter` query parameter: a JSON object `{"Field":…,"Value":…,"Operator":…}`.
struct ListFilter: Sendable, Hashable {
    let field: String
    let value: String
    /// `starts_with` (customers), `equals` or `substring` (audit records).
    let operation: String

    /// Parses the (already percent-decoded) query value; nil when it is not such an object.
    init?(json text: String) {
        guard let json = try? JSONValue(parsing: text),
              let field = json[member: "Field"]?.stringValue,
              let value = json[member: "Value"]?.stringValue else { return nil }
        self.field = field
        self.value = value
        self.operation = (json[member: "Operator"]?.stringValue ?? "equals").lowercased()
    }

    /// Whether `candidate` passes the filter (case-insensitive).
    func matches(_ candidate: String?) -> Bool {
        guard let candidate = candidate?.lowercased() else { return false }
        let wanted = value.lowercased()
        switch operation {
        case "starts_with": return candidate.hasPrefix(wanted)
        case "substring": return candidate.contains(wanted)
        default: return candidate == wanted
        }
    }
}
