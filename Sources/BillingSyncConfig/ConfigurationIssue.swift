/// One problem found in a configuration file: an error (in ``ConfigurationError``) or a warning
/// (in ``LoadedConfiguration/warnings``).
public struct ConfigurationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The category of a configuration problem.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A key or section that billing-sync does not know (usually a typo).
        case unknownKey
        /// A value of the wrong TOML type (e.g. a string where an integer is expected).
        case wrongType
        /// A required key is absent.
        case missingKey
        /// A number or duration outside its allowed range.
        case outOfRange
        /// A value of the right type that is not acceptable (bad enum, GUID, URL, duration text, inline secret).
        case invalidValue
        /// A secret file that is missing, unreadable, empty or too large.
        case unreadableSecret
        /// A secret file readable by group or others (a warning).
        case insecureSecretFile
        /// The file is not valid TOML.
        case syntax
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// Dotted key the problem is about, e.g. `sync.page_size`; empty for whole-file problems.
    public let key: String
    /// 1-based line in the source file, when known.
    public let line: Int?
    /// Human-readable explanation, e.g. `must be between 1 and 2000 (got 5000)`.
    public let message: String

    /// Creates an issue.
    public init(kind: Kind, key: String, line: Int?, message: String) {
        self.kind = kind
        self.key = key
        self.line = line
        self.message = message
    }

    /// `line 12: sync.page_size: must be …` (without a file name).
    public var description: String {
        let location = line.map { "line \($0): " } ?? ""
        return location + (key.isEmpty ? "" : "\(key): ") + message
    }

    /// `billing-sync.toml:12: sync.page_size: must be …` — the compiler-style form used in error output.
    public func formatted(sourcePath: String) -> String {
        let location = sourcePath + (line.map { ":\($0)" } ?? "") + ": "
        return location + (key.isEmpty ? "" : "\(key): ") + message
    }
}
