import ArgumentParser
import BillingSyncStore
import Foundation

/// `billing-sync export --format csv|json [--view NAME]`: one documented view on standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a view of the mirror (default current_profiles) as CSV or JSON.",
        discussion: "Views: \(ExportTable.views.joined(separator: ", ")) (columns in docs/schema.md). "
            + "JSON is {\"version\":1,\"view\":…,\"columns\":[…],\"rows\":[{column: value|null}]} (docs/cli-json.md).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var options: ReadOnlyOptions

    @Option(name: .long, help: "csv or json.")
    var format: Format

    @Option(name: .long, help: "The view to export.", completion: .list(ExportTable.views))
    var view = "current_profiles"

    func validate() throws {
        guard ExportTable.views.contains(view) else {
            throw ValidationError("unknown view \(view); one of \(ExportTable.views.joined(separator: ", "))")
        }
    }

    func run() throws {
        let table = try StoreReader(path: options.databasePath()).read { try $0.export(view: view) }
        switch format {
        case .csv: print(ExportJSON.csv(table), terminator: "")
        case .json: try ExportJSON(view: view, table: table).printJSON()
        }
    }
}
