import ArgumentParser
import BillingSyncDaemon
import Foundation
import Logging

/// `billing-sync demo`: the whole product on an embedded emulator, in well under a minute.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run billing-sync end to end against an in-process Partner Center emulator."
    )

    @Option(name: .long, help: "How many customers the emulator generates.")
    var customers = 300

    @Option(name: .long, help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    @Option(name: .long, help: "Folder for the demo database (default: a new temporary folder).")
    var directory: String?

    func validate() throws {
        guard (10...100_000).contains(customers) else { throw ValidationError("--customers must be between 10 and 100000") }
    }

    func run() async throws {
        LogSetup.bootstrap(level: .error, format: .text)
        let folder = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("billing-sync-demo-\(UUID().uuidString.prefix(8).lowercased())").path
        try DataFolder.create(folder)
        let scenario = DemoScenario(customerCount: customers, seed: seed, folder: folder)
        try await scenario.run()
    }
}
