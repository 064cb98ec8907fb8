import Foundation
import PartnerCenterModels

/// Turning user input into an `EditPatch`: a JSON merge patch, or CLI `--set` assignments.
extension EditPatch {
    /// Largest accepted merge-patch text, in UTF-8 bytes.
    public static let maxJSONBytes = 64 * 1024
    /// Longest accepted value, in characters (the documented field limits are checked later,
    /// by `EditValidator`; this bound only keeps absurd input out).
    public static let maxValueLength = 1024
    /// Deepest accepted nesting of objects/arrays (a valid patch needs 2).
    public static let maxNesting = 8

    /// Parses a JSON merge patch such as `{"defaultAddress":{"city":"Seattle"}}`.
    ///
    /// Keys match fields ignoring case (`"DefaultAddress":{"City":…}` works) and may also be
    /// dotted paths (`{"defaultAddress.city":"Seattle"}`). Values must be strings or `null`
    /// (clears the field). Rejects non-objects, unknown or server-managed fields (`id`, `links`,
    /// `attributes`), a field given twice in different case, and patches that change nothing.
    public static func parse(json: String) throws(EditPatchError) -> EditPatch {
        let size = json.utf8.count
        guard size <= maxJSONBytes else {
            throw EditPatchError(.tooLarge, "the patch is \(size) bytes; at most \(maxJSONBytes) are accepted")
        }
        guard !nesting(of: json, exceeds: maxNesting) else {
            throw EditPatchError(.tooLarge, "the patch is nested more than \(maxNesting) levels deep")
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: json)
        } catch {
            throw EditPatchError(.invalidJSON,
                                 #"the patch is not valid JSON (expected an object such as {"firstName":"Ann"})"#)
        }
        return try parse(mergePatch: document)
    }

    /// Parses an already-decoded merge patch (e.g. `outbox.patch` as stored by
    /// `mergePatchJSON()`), with the same rules as `parse(json:)` except the text-size limits.
    public static func parse(mergePatch document: JSONValue) throws(EditPatchError) -> EditPatch {
        guard let members = document.objectValue else {
            throw EditPatchError(.notAnObject, "a merge patch must be a JSON object, got \(kind(of: document))")
        }
        var changes: [String: JSONValue] = [:]
        for key in members.keys.sorted() {
            try collect(members[key] ?? .null, at: key, into: &changes, laterWins: false)
        }
        return try nonEmpty(changes)
    }

    /// Parses CLI assignments, each `FIELD=VALUE` or `FIELD:=JSON`.
    ///
    /// - `defaultAddress.city=Seattle` sets the string after the first `=` verbatim (it may
    ///   contain `=`, spaces and any Unicode); `defaultAddress.addressLine2=` sets `""`.
    /// - `defaultAddress.addressLine2:=null` clears the field; `:=` takes JSON, so
    ///   `defaultAddress.city:="Seattle"` or `defaultAddress:={"city":"Seattle"}` work too.
    /// Field names match ignoring case; when a field is assigned twice the later one wins.
    public static func parse(assignments: [String]) throws(EditPatchError) -> EditPatch {
        var changes: [String: JSONValue] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw EditPatchError(.invalidAssignment,
                                     "\(assignment.debugDescription) is not FIELD=VALUE or FIELD:=null")
            }
            var name = assignment[..<equals]
            let text = String(assignment[assignment.index(after: equals)...])
            let isJSON = name.hasSuffix(":")
            if isJSON { name = name.dropLast() }
            let path = name.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                throw EditPatchError(.invalidAssignment, "\(assignment.debugDescription) names no field")
            }
            var value = JSONValue.string(text)
            if isJSON {
                do {
                    value = try JSONValue(parsing: text)
                } catch {
                    throw EditPatchError(.invalidAssignment, field: path,
                                         "the value after \(path):= must be JSON, e.g. null or \"text\"")
                }
            }
            try collect(value, at: path, into: &changes, laterWins: true)
        }
        return try nonEmpty(changes)
    }

    /// Adds `value` at `path` (a field, or a group such as `defaultAddress` holding an object).
    private static func collect(_ value: JSONValue, at path: String, into changes: inout [String: JSONValue],
                                laterWins: Bool) throws(EditPatchError) {
        if isGroup(path) {
            guard let members = value.objectValue else {
                throw EditPatchError(.wrongType, field: path,
                                     "\(path) must be an object of its fields, got \(kind(of: value))")
            }
            for key in members.keys.sorted() {
                try collect(members[key] ?? .null, at: path + "." + key, into: &changes, laterWins: laterWins)
            }
            return
        }
        let field = try editableField(path)
        switch value {
        case .null:
            break
        case .string(let text) where text.count > maxValueLength:
            throw EditPatchError(.tooLarge, field: field.path,
                                 "\(field.path) is \(text.count) characters; at most \(maxValueLength) are accepted")
        case .string:
            break
        default:
            throw EditPatchError(.wrongType, field: field.path,
                                 "\(field.path) must be a string or null, got \(kind(of: value))")
        }
        if !laterWins, changes[field.path] != nil {
            throw EditPatchError(.invalidJSON, field: field.path, "\(field.path) is given more than once")
        }
        changes[field.path] = value
    }

    private static func nonEmpty(_ changes: [String: JSONValue]) throws(EditPatchError) -> EditPatch {
        guard !changes.isEmpty else { throw EditPatchError(.empty, "the patch changes no field") }
        return EditPatch(changes: changes)
    }

    /// True when brackets outside string literals nest deeper than `limit` (checked before
    /// decoding, so hostile input never reaches the recursive decoder).
    static func nesting(of text: String, exceeds limit: Int) -> Bool {
        var depth = 0, inString = false, escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return false
    }

    /// A short name of the JSON kind, for messages.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
