import ArgumentParser
import Logging
import PartnerCenterClient

/// `billing-sync-bench raw-loop --config PATH` (hidden): the transport's limit, the baseline below
/// `plain-loop`. One AsyncHTTPClient `HTTPClient` (made like the sync's: same timeouts, no
/// redirects), the same base URL, page size and number of requests in flight; the bearer token
/// from the same `TokenProvider` and credentials as the client. It lists the customers (only the
/// list pages are parsed, with `JSONSerialization`: ids and `links.next`) and GETs every billing
/// profile, collecting the body bytes without parsing them. No limiter, no retries, no metrics.
struct RawLoopCommand: LoadBaselineCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw-loop", abstract: "Baseline: GET every billing profile with AsyncHTTPClient, parse nothing.",
        shouldDisplay: false)
    static let fetchedPrefix = "raw-loop fetched "

    @Option(name: .long, help: "billing-sync TOML configuration (written by the bench).")
    var config: String

    func run() async throws {
        try await LoopBaseline.run(configPath: config) { loaded, clientConfiguration, httpClient in
            let settings = clientConfiguration.transport
            let tokens = TokenProvider(
                credentials: settings.credentials,
                exchange: AsyncHTTPClientExchange(httpClient: httpClient, timeout: settings.requestTimeout,
                                       maxResponseBytes: settings.maxResponseBytes),
                retry: settings.retry, logger: Logger(label: "raw-loop"))
            let loop = RawTransportLoop(httpClient: httpClient, baseURL: clientConfiguration.baseURL,
                                        token: try await tokens.token(), timeout: settings.requestTimeout,
                                        maxResponseBytes: settings.maxResponseBytes)
            let ids = try await loop.customerIDs(pageSize: loaded.configuration.sync.pageSize)
            let totals = await loop.fetchProfiles(ids, concurrency: max(1, loaded.configuration.sync.maxConcurrency))
            print("\(Self.fetchedPrefix)\(totals.fetched) failed \(totals.failed) bytes \(totals.bytes)")
        }
    }
}
