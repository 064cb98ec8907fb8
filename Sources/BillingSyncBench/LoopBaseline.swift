import AsyncHTTPClient
import BillingSyncConfig
import BillingSyncDaemon
import PartnerCenterClient

/// What the two GET-loop baseline children (`plain-loop`, `raw-loop`) start from: warnings-only
/// logging, the configuration file the sync reads, the client settings it maps to, and one
/// `HTTPClient` made as the sync makes it, shut down when `body` returns or throws.
enum LoopBaseline {
    /// Runs `body` with the loaded configuration, its client settings and the HTTP client.
    static func run(configPath: String,
                    _ body: (LoadedConfiguration, PartnerCenterClientConfiguration, HTTPClient) async throws -> Void)
        async throws {
        LogSetup.bootstrap(level: .warning, format: .text)
        let loaded = try ConfigurationLoader().load(path: configPath)
        let clientConfiguration = loaded.partnerCenterClientConfiguration()
        let httpClient = PartnerCenterClient.makeHTTPClient(configuration: clientConfiguration)
        do {
            try await body(loaded, clientConfiguration, httpClient)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }
}
