/// Accumulates errors and warnings while a configuration is decoded, attaching line numbers.
final class IssueCollector {
    private(set) var errors: [ConfigurationIssue] = []
    private(set) var warnings: [ConfigurationIssue] = []
    private let locator: SourceLineLocator

    init(source: String) {
        locator = SourceLineLocator(source: source)
    }

    /// Records an error about the key at `path` (e.g. `["sync", "page_size"]`).
    func error(_ kind: ConfigurationIssue.Kind, _ path: [String], _ message: String) {
        errors.append(issue(kind, path, message))
    }

    /// Records a warning about the key at `path`.
    func warning(_ kind: ConfigurationIssue.Kind, _ path: [String], _ message: String) {
        warnings.append(issue(kind, path, message))
    }

    /// Records an already-built error (e.g. a syntax error with its own line).
    func append(_ issue: ConfigurationIssue) {
        errors.append(issue)
    }

    private func issue(_ kind: ConfigurationIssue.Kind, _ path: [String], _ message: String) -> ConfigurationIssue {
        ConfigurationIssue(kind: kind, key: path.joined(separator: "."), line: locator.line(for: path), message: message)
    }
}
