import ArgumentParser
import AsyncHTTPClient
import BillingSyncConfig
import BillingSyncDaemon
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// `billing-sync-bench plain-loop --config PATH` (hidden): the baseline of the initial load.
/// The same `PartnerCenterClient` as the sync (same configuration: limiter, concurrency, token,
/// timeouts), listing the customers the same way, then a plain bounded-concurrency loop of
/// profile GETs that stores nothing.
struct PlainLoopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plain-loop", abstract: "Baseline: GET every billing profile, store nothing.",
        shouldDisplay: false)
    static let fetchedPrefix = "plain-loop fetched "

    @Option(name: .long, help: "billing-sync TOML configuration (written by the bench).")
    var config: String

    func run() async throws {
        LogSetup.bootstrap(level: .warning, format: .text)
        let loaded = try ConfigurationLoader().load(path: config)
        let clientConfiguration = loaded.partnerCenterClientConfiguration()
        let httpClient = PartnerCenterClient.makeHTTPClient(configuration: clientConfiguration)
        let client = PartnerCenterClient(configuration: clientConfiguration, httpClient: httpClient,
                                         logger: Logger(label: "plain-loop"))
        let concurrency = max(1, loaded.configuration.sync.maxConcurrency)
        do {
            try await client.fetchAccessToken()
            var ids: [CustomerID] = []
            for try await page in client.customerPages(pageSize: loaded.configuration.sync.pageSize) {
                ids.append(contentsOf: page.map(\.id))
            }
            let (fetched, failed) = try await Self.fetchAll(ids, client: client, concurrency: concurrency)
            print("\(Self.fetchedPrefix)\(fetched) failed \(failed)")
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    /// GETs every profile with at most `concurrency` requests in flight; returns (fetched, failed).
    static func fetchAll(_ ids: [CustomerID], client: PartnerCenterClient, concurrency: Int) async throws -> (Int, Int) {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var fetched = 0
            var failed = 0
            var next = ids.makeIterator()
            func tally(_ ok: Bool) { if ok { fetched += 1 } else { failed += 1 } }
            for _ in 0..<concurrency {
                guard let id = next.next() else { break }
                group.addTask { (try? await client.billingProfile(id)) != nil }
            }
            while let ok = try await group.next() {
                tally(ok)
                if let id = next.next() {
                    group.addTask { (try? await client.billingProfile(id)) != nil }
                }
            }
            return (fetched, failed)
        }
    }
}
