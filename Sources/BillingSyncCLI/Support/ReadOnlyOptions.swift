import ArgumentParser
import BillingSyncConfig

/// `--database PATH` or `--config PATH`, for the read-only commands (`status`, `history`,
/// `conflicts`, `db info`). They never read a secret file, so a reporting user in the
/// `billing-sync` group, who may read the database but not the secrets, can run them.
struct ReadOnlyOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the TOML configuration (only database.path is used; secrets are not read).")
    var config: String = ConfigOptions.defaultPath

    @Option(name: .long, help: "Path of the mirror database; no configuration is read at all.")
    var database: String?

    /// The database to read: `--database`, or `database.path` of the configuration.
    func databasePath() throws -> String {
        if let database { return database }
        return try loadConfiguration().database.path
    }

    /// The configuration without its secrets; nil with `--database` (no configuration is read).
    func configuration() throws -> BillingSyncConfiguration? {
        database == nil ? try loadConfiguration() : nil
    }

    private func loadConfiguration() throws -> BillingSyncConfiguration {
        do {
            return try ConfigurationLoader(secrets: .skip).load(path: config).configuration
        } catch {
            throw CLIError(error.description)
        }
    }
}
