import ArgumentParser
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// `billing-sync-bench plain-loop --config PATH` (hidden): the baseline of the initial load.
/// The same `PartnerCenterClient` as the sync (same configuration: limiter, concurrency, token,
/// timeouts), listing the customers the same way, then a plain bounded-concurrency loop of
/// profile GETs that stores nothing.
struct PlainLoopCommand: LoadBaselineCommand {
    static let configuration = CommandConfiguration(
        commandName: "plain-loop", abstract: "Baseline: GET every billing profile, store nothing.",
        shouldDisplay: false)
    static let fetchedPrefix = "plain-loop fetched "

    @Option(name: .long, help: "billing-sync TOML configuration (written by the bench).")
    var config: String

    func run() async throws {
        try await LoopBaseline.run(configPath: config) { loaded, clientConfiguration, httpClient in
            let client = PartnerCenterClient(configuration: clientConfiguration, httpClient: httpClient,
                                             logger: Logger(label: "plain-loop"))
            try await client.fetchAccessToken()
            var ids: [CustomerID] = []
            for try await page in client.customerPages(pageSize: loaded.configuration.sync.pageSize) {
                ids.append(contentsOf: page.map(\.id))
            }
            let concurrency = max(1, loaded.configuration.sync.maxConcurrency)
            let (fetched, failed) = await Self.fetchAll(ids, client: client, concurrency: concurrency)
            print("\(Self.fetchedPrefix)\(fetched) failed \(failed)")
        }
    }

    /// GETs every profile with at most `concurrency` requests in flight; returns (fetched, failed).
    static func fetchAll(_ ids: [CustomerID], client: PartnerCenterClient, concurrency: Int) async -> (Int, Int) {
        var fetched = 0
        var failed = 0
        await BoundedConcurrency.forEach(ids, concurrency: concurrency, { id in
            (try? await client.billingProfile(id)) != nil
        }, onEach: { ok in
            if ok { fetched += 1 } else { failed += 1 }
        })
        return (fetched, failed)
    }
}
