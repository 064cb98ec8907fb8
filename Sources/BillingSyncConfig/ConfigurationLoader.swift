import Foundation
internal import TOMLKit

/// Loads a billing-sync TOML file: parses it with TOMLKit, decodes and validates every section,
/// and reads the secret files — collecting *all* problems before failing.
public struct ConfigurationLoader: Sendable {
    /// Whether the secret files named by the configuration are read.
    public enum SecretHandling: Sendable, Equatable {
        /// Read and check them (the daemon, `sync`, `edit`, `resolve`, `check-config`).
        case read
        /// Leave them alone: the loaded configuration has no secrets. For read-only commands run
        /// by users who may read the database but not the secrets, and `check-config --skip-secrets`.
        case skip
    }

    /// Environment consulted for `$CREDENTIALS_DIRECTORY`.
    public let environment: [String: String]
    /// Whether secret files are read.
    public let secrets: SecretHandling

    /// Creates a loader; pass a custom `environment` in tests, `secrets: .skip` to never open a secret file.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, secrets: SecretHandling = .read) {
        self.environment = environment
        self.secrets = secrets
    }

    /// Loads the file at `path`. Relative secret file names are resolved against `$CREDENTIALS_DIRECTORY`,
    /// or the configuration file's directory when that is unset.
    ///
    /// A file that cannot be read is reported as a single `.syntax` issue.
    public func load(path: String) throws(ConfigurationError) -> LoadedConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let issue = ConfigurationIssue(kind: .syntax, key: "", line: nil,
                                           message: "cannot read the configuration file: \(error.localizedDescription)")
            throw ConfigurationError(issues: [issue], sourcePath: path)
        }
        return try load(toml: text, source: path, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    /// Loads configuration text; `source` names it in messages. Relative secret file names are resolved
    /// against `$CREDENTIALS_DIRECTORY`, or the current directory when that is unset.
    public func load(toml: String, source: String) throws(ConfigurationError) -> LoadedConfiguration {
        try load(toml: toml, source: source, baseDirectory: FileManager.default.currentDirectoryPath)
    }

    private func load(toml: String, source: String, baseDirectory: String) throws(ConfigurationError) -> LoadedConfiguration {
        let issues = IssueCollector(source: toml)
        if let header = TableHeaderPrecheck.firstAbortingHeader(in: toml) {
            issues.append(ConfigurationIssue(
                kind: .syntax, key: "", line: header.line,
                message: "syntax error: a table header must start with a key name or a quoted key, saw '\(header.found)' "
                    + "(column \(header.column)); e.g. [sync]"))
            throw ConfigurationError(issues: issues.errors, sourcePath: source)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            issues.append(ConfigurationIssue(kind: .syntax, key: "", line: position.line,
                                             message: "syntax error: \(error.description) (column \(position.column))"))
            throw ConfigurationError(issues: issues.errors, sourcePath: source)
        } catch {
            issues.append(ConfigurationIssue(kind: .syntax, key: "", line: nil, message: "syntax error: \(error)"))
            throw ConfigurationError(issues: issues.errors, sourcePath: source)
        }
        let configuration = BillingSyncConfiguration(decoding: root, issues: issues)
        let secrets = SecretFileReader(credentialsDirectory: credentialsDirectory, baseDirectory: baseDirectory)
        let settings = configuration.partnerCenter
        let reading = self.secrets == .read
        let clientSecret = reading
            ? secret(settings.clientSecretFile, fileKey: "client_secret_file",
                     defaultName: "client_secret", reader: secrets, issues: issues)
            : nil
        let refreshToken = reading && settings.requiresRefreshToken
            ? secret(settings.refreshTokenFile, fileKey: "refresh_token_file",
                     defaultName: "refresh_token", reader: secrets, issues: issues)
            : nil
        guard issues.errors.isEmpty else {
            throw ConfigurationError(issues: Self.inFileOrder(issues.errors), sourcePath: source)
        }
        return LoadedConfiguration(configuration: configuration, clientSecret: clientSecret,
                                   refreshToken: refreshToken, warnings: Self.inFileOrder(issues.warnings),
                                   sourcePath: source)
    }

    /// `$CREDENTIALS_DIRECTORY` when set and non-empty.
    private var credentialsDirectory: String? {
        environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads one required secret. Without a `*_file` key, the credential `defaultName` in
    /// `$CREDENTIALS_DIRECTORY` is used; without either, the file key is reported missing.
    private func secret(_ configured: String?, fileKey: String, defaultName: String,
                        reader: SecretFileReader, issues: IssueCollector) -> Secret? {
        let path = ["partner_center", fileKey]
        guard let name = configured ?? (credentialsDirectory == nil ? nil : defaultName) else {
            issues.error(.missingKey, path, "missing required key (needed for the configured auth mode); "
                         + "or run under systemd with LoadCredential=\(defaultName):… so that $CREDENTIALS_DIRECTORY is set")
            return nil
        }
        return reader.load(path: reader.resolve(name), key: path, issues: issues)
    }

    /// Issues sorted by line (stable); issues without a line keep their order at the end.
    private static func inFileOrder(_ issues: [ConfigurationIssue]) -> [ConfigurationIssue] {
        issues.enumerated().sorted { lhs, rhs in
            (lhs.element.line ?? .max, lhs.offset) < (rhs.element.line ?? .max, rhs.offset)
        }.map(\.element)
    }
}
