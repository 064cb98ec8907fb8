import ArgumentParser
import BillingSyncStore
import PartnerCenterModels

/// `billing-sync show CUSTOMER`: one customer's mirrored profile, ETag, waiting edits, open
/// conflicts and latest changes.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one customer: profile columns, ETag, pending edits, open conflicts, last changes.")

    @OptionGroup var options: ReadOnlyOptions

    @Argument(help: "The customer id (a GUID).")
    var customer: String

    @Option(name: .long, help: "How many recent changes to show.")
    var changes = 10

    func run() throws {
        let id: CustomerID
        do { id = try CustomerID.parse(customer) } catch { throw CLIError("\(error)") }
        let (found, profile, edits, conflicts, history) = try StoreReader(path: options.databasePath()).read { context in
            (try context.customer(id), try context.profile(id),
             try context.edits(status: nil, limit: 10_000).filter {
                 $0.customerIDText.lowercased() == id.rawValue && [.pending, .pushing].contains($0.status)
             },
             try context.conflicts(openOnly: true).filter { $0.customerID.lowercased() == id.rawValue },
             try context.history(customerID: id, limit: changes))
        }
        guard let found else { throw CLIError("customer \(id) is not mirrored (run a sync first, or check the id)") }
        print("customer: \(id) — \(found.record.companyName ?? "")" + (found.removedAt.map { " (removed \($0))" } ?? ""))
        if let profile {
            print("profile:  \(profile.status), ETag \(profile.etag ?? "∅"), fetched \(profile.fetchedAt ?? "never"), changed \(profile.changedAt ?? "never")")
            let width = (profile.columns.keys.map(\.count).max() ?? 0) + 2
            for (column, value) in profile.columns.sorted(by: { $0.key < $1.key }) {
                print("  \(column.padding(toLength: width, withPad: " ", startingAt: 0))\(value ?? "∅")")
            }
        } else {
            print("profile:  not fetched yet")
        }
        print("pending edits: \(edits.isEmpty ? "none" : "")")
        for edit in edits { print("  #\(edit.id) \(edit.status.rawValue) \(edit.patchText)") }
        print("open conflicts: \(conflicts.isEmpty ? "none" : "")")
        for conflict in conflicts { print("  #\(conflict.id) edit \(conflict.editID): \(conflict.fields.joined(separator: ", "))") }
        print("last changes: \(history.isEmpty ? "none" : "")")
        for row in history {
            print("  \(row.detectedAt) \(row.entry.source.rawValue) \(row.entry.field): \(row.entry.oldValue ?? "∅") → \(row.entry.newValue ?? "∅")")
        }
    }
}
