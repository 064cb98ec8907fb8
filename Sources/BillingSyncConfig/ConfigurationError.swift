/// The configuration could not be used: every problem found (not just the first) in ``issues``.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// All problems found, in file order where known.
    public let issues: [ConfigurationIssue]
    /// The file (or source name) that was loaded.
    public let sourcePath: String

    /// Creates an error for `sourcePath` with `issues`.
    public init(issues: [ConfigurationIssue], sourcePath: String) {
        self.issues = issues
        self.sourcePath = sourcePath
    }

    /// One line per issue: `billing-sync.toml:12: sync.page_size: must be between 1 and 2000 (got 5000)`.
    public var description: String {
        issues.map { $0.formatted(sourcePath: sourcePath) }.joined(separator: "\n")
    }
}
