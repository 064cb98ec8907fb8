import ArgumentParser
import BillingSyncStore
import PartnerCenterModels

/// `billing-sync history CUSTOMER`: the customer's field-level changes, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",abstract: "Show a customer's billing-profile changes.")

    @OptionGroup var options: ReadOnlyOptions

    @Argument(help: "The customer id (a GUID).")
    var customer: String

    @Option(name: .long, help: "How many changes to show.")
    var limit = 50

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    func run() throws {
        let id: CustomerID
        do { id = try CustomerID.parse(customer) } catch { throw CLIError("\(error)") }
        let rows = try StoreReader(path: options.databasePath()).read { try $0.history(customerID: id, limit: limit) }
        if json {
            return try HistoryJSON(customer: id.rawValue, changes: rows.map { row in
                let entry = row.entry
                return HistoryJSON.Change(id: row.id, detectedAt: row.detectedAt, source: entry.source.rawValue, field: entry.field,
                                          oldValue: entry.oldValue, newValue: entry.newValue, oldETag: entry.oldETag,
                                          newETag: entry.newETag, editID: entry.editID)
            }).printJSON()
        }
        if rows.isEmpty { print("no recorded changes for \(id)") }
        for row in rows {
            let entry = row.entry
            print("\(row.detectedAt)  \(entry.source.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(entry.field): \(entry.oldValue.map { "\"\($0)\"" } ?? "∅") → \(entry.newValue.map { "\"\($0)\"" } ?? "∅")")
        }
    }
}
