import ArgumentParser
import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import Foundation
import PartnerCenterModels

/// `billing-sync edit CUSTOMER --set field=value … | --patch JSON`: queue a local edit.
struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Queue an edit of a customer's billing profile; the daemon pushes it.",
        discussion: """
        Fields are dotted paths of the billing profile, e.g. defaultAddress.city, email, companyName.
        `--set field=value` sets a string; `--set field:=null` clears it. `--patch` takes a JSON merge patch.
        `--dry-run` validates the edit against the mirror and prints the merged fields and what the
        address checks would say (country rules from the mirror's cache; `--check-address` fetches
        missing rules and asks Partner Center's address service, which needs the credentials);
        nothing is queued.
        `--wait` waits until the daemon has handled the edit; exit status: 0 pushed, 2 conflict,
        3 rejected, 4 failed, 5 still waiting after --wait-timeout, 6 needs review (see `review`),
        7 cancelled (1: the edit could not be queued).
        """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The customer id (a GUID).")
    var customer: String

    @Option(name: .customLong("set"), help: "A field assignment, e.g. defaultAddress.city=Seattle (repeatable).")
    var assignments: [String] = []

    @Option(name: .long, help: "A JSON merge patch, e.g. '{\"defaultAddress\":{\"city\":\"Seattle\"}}'.")
    var patch: String?

    @Flag(name: .long, help: "Validate and print the merged result against the mirror; queue nothing.")
    var dryRun = false

    @Flag(name: .long, help: "With --dry-run: fetch missing country rules and ask the address service now.")
    var checkAddress = false

    @Flag(name: .long, help: "Wait until the daemon pushed the edit (or it conflicted, was rejected or failed).")
    var wait = false

    @Option(name: .long, help: "With --wait: give up after this many seconds (exit 5).")
    var waitTimeout = 120

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing on success (errors still go to standard error).")
    var quiet = false

    func validate() throws {
        guard assignments.isEmpty != (patch == nil) else {
            throw ValidationError("give either --set assignments or --patch, not both and not neither")
        }
        if dryRun && wait { throw ValidationError("--dry-run queues nothing, so there is nothing to --wait for") }
        if checkAddress && !dryRun { throw ValidationError("--check-address goes with --dry-run (the daemon checks queued edits itself)") }
    }

    func run() async throws {
        let id: CustomerID
        do { id = try CustomerID.parse(customer) } catch { throw CLIError("\(error)") }
        let editPatch: EditPatch
        do {
            editPatch = try patch.map { try EditPatch.parse(json: $0) } ?? EditPatch.parse(assignments: assignments)
        } catch {
            throw CLIError("invalid edit: \(error)")
        }
        let loaded = try options.load(secrets: .skip)  // only the database is touched
        if dryRun { return try await preview(editPatch, customer: id, loaded: loaded) }
        let store = try StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let user = ProcessInfo.processInfo.environment["USER"] ?? "cli"
        let queued = try await EditQueue(store: store).enqueue(customer: id, patch: editPatch, queuedBy: "cli:\(user)")
        if queued.isRejected {
            if json {
                try EditJSON(customerID: id.rawValue, editID: queued.editID, status: "rejected", problems: queued.problems).printJSON()
            }
            throw CLIError("edit \(queued.editID) stored as rejected: \(queued.problems.joined(separator: "; "))")
        }
        guard wait else {
            if json {
                try EditJSON(customerID: id.rawValue, editID: queued.editID, status: "queued", problems: []).printJSON()
            } else if !quiet {
                print("edit \(queued.editID) queued for customer \(id); the daemon pushes it within seconds")
            }
            return
        }
        if !quiet && !json {
            FileHandle.standardError.write(Data("edit \(queued.editID) queued; waiting for the daemon…\n".utf8))
        }
        let outcome = try await EditOutcomeWaiter(databasePath: loaded.configuration.database.path, editID: queued.editID)
            .wait(timeout: .seconds(waitTimeout))
        let status = outcome?.status.rawValue ?? "pending"
        if json {
            try EditJSON(customerID: id.rawValue, editID: queued.editID, status: status, problems: [],
                         lastError: outcome?.lastError).printJSON()
        } else if !quiet || outcome?.status != .pushed {
            print("edit \(queued.editID): \(status)" + (outcome?.lastError.map { " — \($0)" } ?? ""))
        }
        let exit = EditOutcomeWaiter.exitStatus(outcome?.status)
        if exit != 0 { throw ExitCode(exit) }
    }

    /// `--dry-run`: the problems and the merged fields, from a read-only look at the mirror.
    private func preview(_ editPatch: EditPatch, customer id: CustomerID, loaded: LoadedConfiguration) async throws {
        let databasePath = loaded.configuration.database.path
        let mirrored = try StoreReader(path: databasePath).read { try $0.profile(id) }
        var problems: [String] = []
        if mirrored == nil { problems.append("customer \(id) is not mirrored (run a sync first, or check the id)") }
        problems += EditValidator.problems(patch: editPatch, appliedTo: mirrored?.resource)
        let merged = mirrored?.resource.map { editPatch.applied(to: $0) }
        var addressLines: [String] = []
        if problems.isEmpty, let merged {
            let checks = try await addressChecks(editPatch, merged: merged, databasePath: databasePath,
                                                 policy: loaded.configuration.push.addressValidation)
            addressLines = checks.lines
            problems += checks.blocking
        }
        let fields = Dictionary(uniqueKeysWithValues: editPatch.orderedPaths.map { path in
            (path, merged?.value(atPath: path).flatMap { $0.stringValue ?? ($0 == .null ? nil : $0.canonicalText()) })
        })
        if json {
            try EditJSON(customerID: id.rawValue, editID: nil, status: "dry_run", problems: problems, merged: fields,
                         addressChecks: addressLines).printJSON()
        } else {
            for path in editPatch.orderedPaths {
                let before = mirrored?.resource?.value(atPath: path)?.stringValue
                let after = fields[path] ?? nil
                print("\(path): \(before.map { "\"\($0)\"" } ?? "∅") → \(after.map { "\"\($0)\"" } ?? "∅")")
            }
            for line in addressLines { print(line) }
            print(problems.isEmpty ? "valid: nothing queued (--dry-run)" : "invalid: \(problems.joined(separator: "; "))")
        }
        if !problems.isEmpty { throw ExitCode(3) }
    }
}
