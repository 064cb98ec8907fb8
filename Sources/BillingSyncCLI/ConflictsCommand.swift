import ArgumentParser
import BillingSyncStore

/// `billing-sync conflicts`: open conflicts between local edits and remote changes.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",abstract: "List open conflicts between queued edits and remote changes.")

    @OptionGroup var options: ReadOnlyOptions

    @Flag(name: .long, help: "Include resolved conflicts.")
    var all = false

    func run() throws {
        let conflicts = try StoreReader(path: options.databasePath()).read { try $0.conflicts(openOnly: !all) }
        if conflicts.isEmpty { print(all ? "no conflicts recorded" : "no open conflicts") }
        for conflict in conflicts {
            print("conflict \(conflict.id): edit \(conflict.editID), customer \(conflict.customerID), detected \(conflict.detectedAt)\(conflict.resolution.map { ", resolved: \($0)" } ?? "")")
            print("  fields: \(conflict.fields.joined(separator: ", "))")
            print("  resolve with: billing-sync resolve \(conflict.id) --keep-remote | --reapply")
        }
    }
}
