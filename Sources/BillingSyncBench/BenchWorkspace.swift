import BillingSyncConfig
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// Where a bench run keeps its databases and child logs, and how it finds the executables.
struct BenchWorkspace: Sendable {
    /// Root folder of this run (one sub-folder per environment).
    let root: String
    /// Keep databases and logs after the run.
    let keep: Bool

    static func make(keep: Bool) throws -> BenchWorkspace {
        BenchWorkspace(root: try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-bench"), keep: keep)
    }

    /// This executable (for the hidden `plain-loop` and `reader` subcommands).
    static func benchExecutable() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    /// `billing-sync`, built beside this executable.
    static func billingSyncExecutable() throws -> String {
        let path = URL(fileURLWithPath: try benchExecutable()).deletingLastPathComponent()
            .appendingPathComponent("billing-sync").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError(.executableMissing, "\(path) is missing: build the billing-sync product too")
        }
        return path
    }

    /// Starts an emulator with `customers` customers (no rate limit unless given) and a
    /// configuration for it in a new folder; `adjust` changes the billing-sync settings.
    func environment(_ label: String, customers: Int, rateLimitPerMinute: Int? = nil,
                     adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> EmulatedEnvironment {
        var emulator = EmulatorConfiguration(customerCount: customers, seed: 42)
        emulator.rateLimitPerMinute = rateLimitPerMinute
        emulator.logger.logLevel = .warning
        let folder = root + "/" + label
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try await EmulatedEnvironment.start(emulator, folder: folder, adjust: adjust)
    }

    /// Runs `body` on `environment`, then finishes it (`finish`) whether `body` returned or threw.
    func measuring<T>(_ environment: EmulatedEnvironment, _ body: (EmulatedEnvironment) async throws -> T) async throws -> T {
        do {
            let result = try await body(environment)
            await finish(environment)
            return result
        } catch {
            await finish(environment)
            throw error
        }
    }

    /// Stops the emulator and removes its folder unless `keep`.
    func finish(_ environment: EmulatedEnvironment) async {
        try? await environment.shutdown()
        if !keep { try? FileManager.default.removeItem(atPath: environment.folder) }
    }

    /// Removes the root folder unless `keep`.
    func cleanUp() {
        if !keep { try? FileManager.default.removeItem(atPath: root) }
    }
}
