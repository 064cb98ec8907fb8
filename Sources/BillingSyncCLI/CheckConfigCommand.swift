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

    func run() throws {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader().load(path: path)
        } catch {
            throw CLIError("\(path): invalid configuration\n\(error.description)")
        }
        for warning in loaded.warnings {
            print("warning: \(warning.formatted(sourcePath: loaded.sourcePath))")
        }
        print(EffectiveConfigurationPrinter.render(loaded))
        print("# \(path): configuration is valid")
    }
}
