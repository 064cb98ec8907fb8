/// Why a patch (JSON merge patch or `--set` assignments) was rejected.
public struct EditPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, stable for callers and exit codes.
    public enum Code: String, Sendable {
        /// The text is not JSON.
        case invalidJSON
        /// The JSON is valid but not an object (merge patches are objects).
        case notAnObject
        /// The field is not a documented billing-profile field.
        case unknownField
        /// The field exists but is managed by Partner Center (`id`, `links`, `attributes`).
        case notEditable
        /// The value has the wrong JSON type (fields take a string or null).
        case wrongType
        /// The patch, its nesting or one of its values exceeds the parser's limits.
        case tooLarge
        /// A `--set` argument is not `FIELD=VALUE` or `FIELD:=JSON`.
        case invalidAssignment
        /// The patch changes no field.
        case empty
    }

    /// The kind of problem.
    public let code: Code
    /// The field concerned (as written by the user), when there is one.
    public let field: String?
    /// The nearest documented editable field, for `unknownField`.
    public let suggestion: String?
    /// One line for people: what is wrong and, where possible, how to fix it.
    public let message: String

    /// Creates an error; `message` should name the field and the broken rule.
    public init(_ code: Code, field: String? = nil, suggestion: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.suggestion = suggestion
        self.message = message
    }

    public var description: String { message }
}
