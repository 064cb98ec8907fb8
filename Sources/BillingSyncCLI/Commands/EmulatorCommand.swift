import ArgumentParser
import BillingSyncConfig
import BillingSyncDaemon
import EmulatorSetup
import Logging
import Foundation
import PartnerCenterEmulator
import UnixSignals

/// `billing-sync emulator`: serve the Partner Center emulator until interrupted.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run the Partner Center emulator on loopback (for tests, demos and benchmarks)."
    )

    @Option(name: .long, help: "Port on 127.0.0.1 (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: "How many customers to generate.")
    var customers = 500

    @Option(name: .long, help: "Seed of the generated data.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Requests per minute per tenant before 429 (0 = no limit).")
    var rateLimit = 500

    @Option(name: .long, help: "Drift: remote profile changes per minute made by 'another admin' (0 = none).")
    var driftPerMinute = 0.0

    @Option(name: .long, help: "Access-token lifetime in seconds.")
    var tokenLifetime = 3600

    @Flag(name: .long, help: "Rotate refresh tokens on every refresh and refuse superseded ones (AADSTS700082), as Entra ID can.")
    var rotateRefreshTokens = false

    @Option(name: .long, help: "Write billing-sync.toml and its secret files for a daemon against this emulator into DIR.")
    var writeConfig: String?

    func run() async throws {
        LogSetup.bootstrap(level: .info, format: .auto)
        var configuration = EmulatorConfiguration(customerCount: customers, seed: seed)
        configuration.port = port
        configuration.rateLimitPerMinute = rateLimit > 0 ? rateLimit : nil
        configuration.accessTokenLifetime = .seconds(tokenLifetime)
        if driftPerMinute > 0 { configuration.drift = DriftSettings(changesPerMinute: driftPerMinute) }
        configuration.rotatesRefreshTokens = rotateRefreshTokens
        let emulator = try await PartnerCenterEmulator.start(configuration)
        let credentials = configuration.credentials
        print("Partner Center emulator on \(emulator.baseURL) with \(customers) customers (seed \(seed))")
        print("token URL: \(emulator.tokenURL)")
        print("tenant \(configuration.tenantID), client id \(credentials.clientID)")
        print("admin: \(emulator.baseURL)/_emulator/stats")
        if let folder = writeConfig {
            try DataFolder.create(folder)
            let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
            let loaded = LoadedConfiguration.forEmulator(emulator, databasePath: absolute + "/billing-sync.sqlite")
            let path = try EmulatorConfigurationFile(loaded: loaded, folder: absolute).write()
            print("configuration: \(path) (secrets in \(absolute)/client-secret, \(absolute)/refresh-token)")
            print("try: billing-sync sync --once --config \(path)")
        }
        fflush(nil)  // the lines above must reach a pipe before the process waits
        // SIGTERM / SIGINT: stop serving and exit 0.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await emulator.run() }
            group.addTask { for await _ in signals { return } }
            _ = try await group.next()
            group.cancelAll()
        }
        try await emulator.shutdown()
    }
}
