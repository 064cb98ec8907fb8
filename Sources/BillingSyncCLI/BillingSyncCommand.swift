import ArgumentParser

@main
struct BillingSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing-sync",
        abstract: "Mirrors Microsoft Partner Center customer billing profiles into SQLite.",
        version: "0.1.0"
    )
}
