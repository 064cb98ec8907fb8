import ArgumentParser
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import Foundation

/// `billing-sync resolve ID --keep-remote | --reapply`.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Close a conflict: keep the remote version, or re-apply the edit on top of it."
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The conflict id (see `billing-sync conflicts`).")
    var id: Int64

    @Flag(name: .long, help: "Keep the remote version; the local edit stays recorded as a conflict.")
    var keepRemote = false

    @Flag(name: .long, help: "Queue the edit again on top of the current remote version.")
    var reapply = false

    func validate() throws {
        guard keepRemote != reapply else { throw ValidationError("choose exactly one of --keep-remote or --reapply") }
    }

    func run() async throws {
        let loaded = try options.load(secrets: .skip)  // only the database is touched
        let store = try StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let user = ProcessInfo.processInfo.environment["USER"] ?? "cli"
        do {
            let newEdit = try await ConflictResolver(store: store).resolve(id, as: reapply ? .reapply : .keepRemote, by: user)
            if let newEdit {
                print("conflict \(id) resolved: edit re-queued as \(newEdit)")
            } else {
                print("conflict \(id) resolved: remote version kept")
            }
        } catch let error as ConflictResolver.ResolveError {
            throw CLIError(error.description)
        }
    }
}
