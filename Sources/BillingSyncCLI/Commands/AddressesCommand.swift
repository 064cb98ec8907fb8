import ArgumentParser
import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import Foundation
import Logging

/// `billing-sync addresses check`: audit mirrored billing addresses.
struct AddressesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addresses",
        abstract: "Audit the mirrored billing addresses.",
        subcommands: [AddressesCheckCommand.self]
    )
}

/// `billing-sync addresses check [--country XX] [--limit N] [--json]`.
struct AddressesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check mirrored addresses against the country rules and Partner Center's address service.",
        discussion: """
        Each answer goes to the address_validations table (view address_findings, docs/schema.md).
        A profile already checked since it last changed is skipped, so an interrupted run resumes
        where it stopped. The run takes at most --budget-share of the tenant's rate budget
        ([sync] requests_per_minute, half by default), so a daemon's pushes and reads keep the rest.
        Progress goes to standard error. Exit status 0 when every address was checked (whatever the
        answers), 2 when some checks failed and are left for the next run.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Only customers whose billing address is in this country (ISO code, e.g. US).")
    var country: String?

    @Option(name: .long, help: "Check at most this many profiles in this run.")
    var limit = 1_000_000

    @Option(name: .long, help: "Share of [sync] requests_per_minute this run may use (0.01…1).")
    var budgetShare = 0.5

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw ValidationError("--country takes an ISO 3166 alpha-2 code such as US or GB (got \(country.debugDescription))")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if !(0.01...1).contains(budgetShare) { throw ValidationError("--budget-share must be between 0.01 and 1 (got \(budgetShare))") }
    }

    func run() async throws {
        let loaded = sharedBudget(try options.load())
        LogSetup.bootstrap(level: .warning, format: .text)
        let components = try DaemonComponents.make(loaded: loaded, observer: NoSyncObserver(), logger: Logger(label: "billing-sync"))
        let audit = AddressAudit(context: components.scheduler.pusher.context)
        let quiet = quiet
        let summary: AddressAudit.Summary
        do {
            summary = try await audit.run(country: country?.uppercased(), limit: limit,
                                          maxConcurrency: loaded.configuration.sync.maxConcurrency) { done in
                guard !quiet else { return }
                let total = done.checked + done.errors
                if total % 50 == 0 {
                    FileHandle.standardError.write(Data("addresses checked \(done.checked), not verified \(done.notVerified), errors \(done.errors)\n".utf8))
                }
            }
        } catch {
            await components.shutdownHTTP()
            throw CLIError("address check failed: \(error)")
        }
        await components.shutdownHTTP()
        if json {
            try AddressCheckJSON(checked: summary.checked, verified: summary.verified, notVerified: summary.notVerified,
                                 ruleViolations: summary.ruleViolations, errors: summary.errors).printJSON()
        } else {
            print("addresses checked \(summary.checked): verified \(summary.verified), not verified \(summary.notVerified), with rule violations \(summary.ruleViolations), errors \(summary.errors)")
        }
        if summary.errors > 0 { throw ExitCode(2) }
    }
}

extension AddressesCheckCommand {
    /// The configuration with `requests_per_minute` cut to this run's share of the budget.
    func sharedBudget(_ loaded: LoadedConfiguration) -> LoadedConfiguration {
        var configuration = loaded.configuration
        configuration.sync.requestsPerMinute = max(1, Int(Double(configuration.sync.requestsPerMinute) * budgetShare))
        return LoadedConfiguration(configuration: configuration, clientSecret: loaded.clientSecret,
                                   refreshToken: loaded.refreshToken, warnings: loaded.warnings, sourcePath: loaded.sourcePath)
    }
}

/// `billing-sync addresses check --json` (version 1).
struct AddressCheckJSON: CLIJSON {
    var version = 1
    var checked: Int, verified: Int, notVerified: Int, ruleViolations: Int, errors: Int
}
