import ArgumentParser
import BillingSyncStore

/// `billing-sync conflicts`: open conflicts between local edits and remote changes.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",abstract: "List open conflicts between queued edits and remote changes.")

    @OptionGroup var options: ReadOnlyOptions

    @Flag(name: .long, help: "Include resolved conflicts.")
    var all = false

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    func run() throws {
        let conflicts = try StoreReader(path: options.databasePath()).read { try $0.conflicts(openOnly: !all) }
        if json {
            return try ConflictsJSON(conflicts: conflicts.map {
                ConflictsJSON.Conflict(id: $0.id, editID: $0.editID, customerID: $0.customerID, fields: $0.fields,
                                       remoteETag: $0.remoteETag, detectedAt: $0.detectedAt, resolution: $0.resolution,
                                       resolvedAt: $0.resolvedAt)
            }).printJSON()
        }
        if conflicts.isEmpty { print(all ? "no conflicts recorded" : "no open conflicts") }
        for conflict in conflicts {
            print("conflict \(conflict.id): edit \(conflict.editID), customer \(conflict.customerID), detected \(conflict.detectedAt)\(conflict.resolution.map { ", resolved: \($0)" } ?? "")")
            print("  fields: \(conflict.fields.joined(separator: ", "))")
            print("  resolve with: billing-sync resolve \(conflict.id) --keep-remote | --reapply")
        }
    }
}
