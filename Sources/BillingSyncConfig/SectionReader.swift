internal import TOMLKit

/// Reads the keys of one TOML section (`[sync]`, …), reporting type and range problems to an
/// ``IssueCollector`` and remembering which keys were asked for, so that ``finish()`` can report
/// every other key as unknown — the keys a section's decoder reads *are* its schema.
final class SectionReader {
    /// Section name, e.g. `sync`.
    let name: String
    let issues: IssueCollector
    private let table: TOMLTable?
    private var knownKeys: [String] = []

    init(name: String, table: TOMLTable?, issues: IssueCollector) {
        self.name = name
        self.table = table
        self.issues = issues
    }

    /// Path of `key` inside this section, for issues.
    func path(_ key: String) -> [String] { [name, key] }

    /// Marks `key` as valid and returns its raw value, if present.
    func raw(_ key: String) -> TOMLValueConvertible? {
        knownKeys.append(key)
        return table?[key]
    }

    /// Whether `key` is present (marks it as valid).
    func contains(_ key: String) -> Bool { raw(key) != nil }

    /// Reports a value of the wrong type.
    func wrongType(_ key: String, expected: String, got value: TOMLValueConvertible) {
        issues.error(.wrongType, path(key), "expected \(expected), got \(Self.describe(value))")
    }

    /// Reports a required key that is absent.
    func missing(_ key: String, _ hint: String = "") {
        issues.error(.missingKey, path(key), "missing required key" + (hint.isEmpty ? "" : "; \(hint)"))
    }

    /// Reports every key of the section that no decoder asked for, with the nearest valid key.
    func finish() {
        guard let table else { return }
        for key in table.keys where !knownKeys.contains(key) {
            let suggestion = KeySuggestion.nearest(to: key, among: knownKeys)
            let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? "; valid keys: \(knownKeys.joined(separator: ", "))"
            issues.error(.unknownKey, path(key), "unknown key" + hint)
        }
    }

    /// `a string "abc"`, `an integer 5`, `an array`, … — for wrong-type messages.
    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "a string \"\(value.string ?? "")\""
        case .int: "an integer \(value.int.map(String.init) ?? "")"
        case .double: "a floating-point number \(value.double.map { "\($0)" } ?? "")"
        case .bool: "a boolean \(value.bool.map { "\($0)" } ?? "")"
        case .array: "an array"
        case .table: "a table"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }
}
