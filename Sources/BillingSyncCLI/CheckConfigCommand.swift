import ArgumentParser
import BillingSyncConfig

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
        print("# \(path): configuration is valid" + (skipSecrets ? " (secret files not checked)" : ""))
    }
}
