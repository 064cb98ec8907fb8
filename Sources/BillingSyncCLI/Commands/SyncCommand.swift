import ArgumentParser
import BillingSyncDaemon
import BillingSyncEngine
import Foundation
import Logging

/// `billing-sync sync --once`: one full reconcile plus an outbox push, then exit.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one full reconcile, push pending edits and, with [azure] enabled, mirror the ARM customers; then exit (non-zero on failure)."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Run once and exit (required; `billing-sync run` is the daemon).")
    var once = false

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress on standard error (warnings and the summary still appear).")
    var quiet = false

    func validate() throws {
        guard once else { throw ValidationError("add --once (use `billing-sync run` for the long-running daemon)") }
    }

    func run() async throws {
        let loaded = try options.load()
        LogSetup.bootstrap(level: .warning, format: .text)
        let progress = ConsoleProgress(quiet: quiet || json)
        let components = try DaemonComponents.make(loaded: loaded, observer: progress, logger: Logger(label: "billing-sync"))
        defer { progress.finish() }
        do {
            try await components.client.fetchAccessToken()
            let report = try await components.runtime().runOnce()
            let (counts, failures, pushed, azure) = (report.reconcile, report.customerFailures, report.push, report.azure)
            progress.finish()
            if json {
                try SyncSummaryJSON(
                    reconcile: .init(customersSeen: counts.customersSeen, profilesFetched: counts.profilesFetched,
                                     profilesChanged: counts.profilesChanged, customersRemoved: counts.customersRemoved,
                                     errors: counts.errors),
                    push: .init(pushed: pushed.pushed, conflicts: pushed.conflicts, rejected: pushed.rejected, failed: pushed.failed,
                                deferred: pushed.deferred, needsReview: pushed.needsReview),
                    azure: azure.map { .init(customersSeen: $0.customersSeen, customersAdded: $0.customersAdded,
                                             customersChanged: $0.customersChanged, customersRemoved: $0.customersRemoved,
                                             errors: $0.errors) }).printJSON()
            } else {
                print("customers \(counts.customersSeen), profiles fetched \(counts.profilesFetched), changed \(counts.profilesChanged), removed \(counts.customersRemoved), errors \(counts.errors)")
                print("edits pushed \(pushed.pushed), conflicts \(pushed.conflicts), rejected \(pushed.rejected), failed \(pushed.failed), deferred \(pushed.deferred), needs review \(pushed.needsReview)")
            }
            // Customers whose calls failed were skipped (kept for retry); everyone else is synced.
            if let failures { FileHandle.standardError.write(Data("warning: profiles not fetched (retried on the next run): \(failures)\n".utf8)) }
            if let deferred = pushed.failures { FileHandle.standardError.write(Data("warning: edits left pending (retried on the next run): \(deferred)\n".utf8)) }
            if let azure, !json {
                print("azure customers \(azure.customersSeen), added \(azure.customersAdded), changed \(azure.customersChanged), removed \(azure.customersRemoved), errors \(azure.errors)")
            }
            await components.shutdownHTTP()
            if counts.errors > 0 || (azure?.errors ?? 0) > 0 { throw ExitCode(2) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            await components.shutdownHTTP()
            throw CLIError("sync failed: \(error)")
        }
    }
}
