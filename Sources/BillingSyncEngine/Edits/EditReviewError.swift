/// A review step that cannot be taken.
public struct EditReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, stable for callers and exit codes.
    public enum Code: String, Sendable {
        /// The edit does not exist or is not in `needs_review`.
        case notWaiting
        /// The edit's latest validation has no suggestion with that number.
        case noSuchSuggestion
    }

    /// The kind of problem.
    public let code: Code
    /// One line for people.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
