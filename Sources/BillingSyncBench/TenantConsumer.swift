import AsyncHTTPClient
import BillingSyncDaemon
import BillingSyncTesting
import Logging
import PartnerCenterClient
import Synchronization

/// Another tool of the partner spending the same tenant's budget on the same emulator: its own
/// HTTP client and token (same credentials, so the same tenant bucket), GETs of billing profiles
/// at a fixed pace whatever the answers (a 429 is counted and the pace goes on, as a tool that
/// does not adapt would), each request in its own task so a slow answer does not slow the pace.
final class TenantConsumer: Sendable {
    /// The answers it got.
    struct Totals: Sendable {
        var ok = 0
        var throttled = 0
        var other = 0
        var requests: Int { ok + throttled + other }
    }

    private let httpClient: HTTPClient
    private let loop: RawTransportLoop
    private let ids: [String]
    private let totals = Mutex(Totals())

    private init(httpClient: HTTPClient, loop: RawTransportLoop, ids: [String]) {
        self.httpClient = httpClient
        self.loop = loop
        self.ids = ids
    }

    /// A consumer of `environment`'s tenant (token obtained now).
    static func make(_ environment: EmulatedEnvironment) async throws -> TenantConsumer {
        let configuration = environment.loaded.partnerCenterClientConfiguration()
        let httpClient = PartnerCenterClient.makeHTTPClient(configuration: configuration)
        do {
            let settings = configuration.transport
            let tokens = TokenProvider(credentials: settings.credentials,
                                       exchange: AsyncHTTPClientExchange(httpClient: httpClient, timeout: settings.requestTimeout,
                                                              maxResponseBytes: settings.maxResponseBytes),
                                       retry: settings.retry, logger: Logger(label: "bench.consumer"))
            let loop = RawTransportLoop(httpClient: httpClient, baseURL: configuration.baseURL, token: try await tokens.token(),
                                        timeout: settings.requestTimeout, maxResponseBytes: settings.maxResponseBytes)
            let ids = await environment.emulator.state.customerIDs().map(\.rawValue)
            return TenantConsumer(httpClient: httpClient, loop: loop, ids: ids)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    /// What it got so far.
    var current: Totals { totals.withLock { $0 } }

    /// Spends the tenant's bucket until the emulator answers 429 (16 requests at a time), so a
    /// measurement starts from a budget in use rather than a full minute saved up; what it sent
    /// (also counted in `current`).
    func drain() async throws -> Totals {
        var drained = Totals()
        var round = 0
        defer { totals.withLock { $0.add(drained) } }
        while drained.throttled == 0 {
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    let id = ids[(round * 16 + index) % ids.count]
                    group.addTask { try await self.loop.profileStatus(id) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            for status in statuses { drained.count(status) }
            round += 1
        }
        return drained
    }

    /// Sends one GET every `60 / perMinute` seconds until the task is cancelled.
    func run(perMinute: Double) async {
        let interval = Duration.seconds(60 / perMinute)
        let clock = ContinuousClock()
        var next = clock.now
        var index = 0
        await withTaskGroup(of: Void.self) { group in
            while !Task.isCancelled {
                let id = ids[index % ids.count]
                index += 1
                group.addTask {
                    let status = (try? await self.loop.profileStatus(id)) ?? 0
                    self.totals.withLock { $0.count(status) }
                }
                next = next.advanced(by: interval)
                do { try await clock.sleep(until: next) } catch { break }
            }
            await group.waitForAll()
        }
    }

    /// Closes its HTTP client.
    func shutdown() async {
        try? await httpClient.shutdown()
    }
}

extension TenantConsumer.Totals {
    /// Counts one answer.
    mutating func count(_ status: Int) {
        switch status {
        case 200: ok += 1
        case 429: throttled += 1
        default: other += 1
        }
    }

    /// Adds another tally.
    mutating func add(_ more: Self) {
        ok += more.ok
        throttled += more.throttled
        other += more.other
    }
}
