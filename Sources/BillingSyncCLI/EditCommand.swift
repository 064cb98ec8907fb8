import ArgumentParser
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
        """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The customer id (a GUID).")
    var customer: String

    @Option(name: .customLong("set"), help: "A field assignment, e.g. defaultAddress.city=Seattle (repeatable).")
    var assignments: [String] = []

    @Option(name: .long, help: "A JSON merge patch, e.g. '{\"defaultAddress\":{\"city\":\"Seattle\"}}'.")
    var patch: String?

    func validate() throws {
        guard assignments.isEmpty != (patch == nil) else {
            throw ValidationError("give either --set assignments or --patch, not both and not neither")
        }
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
        let store = try StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let user = ProcessInfo.processInfo.environment["USER"] ?? "cli"
        let queued = try await EditQueue(store: store).enqueue(customer: id, patch: editPatch, queuedBy: "cli:\(user)")
        if queued.isRejected {
            throw CLIError("edit \(queued.editID) stored as rejected: \(queued.problems.joined(separator: "; "))")
        }
        print("edit \(queued.editID) queued for customer \(id); the daemon pushes it within seconds")
    }
}
