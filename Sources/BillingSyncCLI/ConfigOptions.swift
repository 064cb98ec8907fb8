import ArgumentParser
import BillingSyncConfig

/// `--config PATH`, shared by every command that needs the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the TOML configuration.")
    var config: String = "/etc/billing-sync/billing-sync.toml"

    /// Loads and validates the configuration; an invalid one is one clear error per problem.
    func load() throws -> LoadedConfiguration {
        do {
            return try ConfigurationLoader().load(path: config)
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
