import ArgumentParser
import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncStore
import Foundation

/// `billing-sync check-config PATH`: validate and print the effective settings, secrets redacted.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file and print the effective settings (secrets redacted)."
    )

    @Argument(help: "Path of the TOML configuration.")
    var path: String

    @Flag(name: .long, help: "Check everything but the secret files (which systemd provides through LoadCredential=).")
    var skipSecrets = false

    func run() throws {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader(secrets: skipSecrets ? .skip : .read).load(path: path)
        } catch {
            throw CLIError("\(path): invalid configuration\n\(error.description)")
        }
        for warning in loaded.warnings {
            print("warning: \(warning.formatted(sourcePath: loaded.sourcePath))")
        }
        print(EffectiveConfigurationPrinter.render(loaded))
        for line in budgetLines(loaded) { print("# " + line) }
        print("# \(path): configuration is valid" + (skipSecrets ? " (secret files not checked)" : ""))
    }

    /// The reconcile's budget plan for the customers the configured database mirrors (nothing
    /// but a note when there is no database yet, or it cannot be read).
    private func budgetLines(_ loaded: LoadedConfiguration) -> [String] {
        let database = loaded.configuration.database.path
        guard FileManager.default.fileExists(atPath: database) else {
            return ["budget plan: no database at \(database) yet (it is planned once customers are mirrored)"]
        }
        do {
            let customers = try StoreReader(path: database).read { try $0.counts().activeCustomers }
            return ["budget plan (\(database)):"] + ReconcileBudgetPlan(customers: customers, settings: loaded.configuration.sync).lines
        } catch {
            return ["budget plan: cannot read \(database): \(error)"]
        }
    }
}
