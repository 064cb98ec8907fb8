import ArgumentParser
import BillingSyncConfig

/// `--config PATH`, shared by every command that needs the configuration.
struct ConfigOptions: ParsableArguments {
    /// Where the packaged unit's configuration lives.
    static let defaultPath = "/etc/billing-sync/billing-sync.toml"

    @Option(name: .long, help: "Path of the TOML configuration.")
    var config: String = ConfigOptions.defaultPath

    /// Loads and validates the configuration; an invalid one is one clear error per problem.
    /// Commands that only touch the database pass `secrets: .skip`.
    func load(secrets: ConfigurationLoader.SecretHandling = .read) throws -> LoadedConfiguration {
        do {
            return try ConfigurationLoader(secrets: secrets).load(path: config)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// A failure the CLI reports as one clear line and exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
