import PartnerCenterClient
import PartnerCenterModels

/// Fetches billing profiles with bounded concurrency (every request also passes the client's
/// shared rate limiter) and hands them over in batches, so the writer never holds a transaction
/// across an HTTP call.
public struct ProfileFetcher: Sendable {
    let client: PartnerCenterClient
    let maxConcurrency: Int

    public init(client: PartnerCenterClient, maxConcurrency: Int) {
        self.client = client
        self.maxConcurrency = max(1, maxConcurrency)
    }

    /// Fetches one profile, turning 404 into `.notFound` and other API failures into `.failed`.
    /// Credential and permission failures are thrown: no other customer would fare better.
    public func fetch(_ id: CustomerID) async throws -> FetchedProfile {
        do {
            let profile = try await client.billingProfile(id)
            return .found(id, profile, rawJSON: profile.rawJSON)
        } catch {
            switch error.kind {
            case .notFound: return .notFound(id)
            case .credential, .unauthorized, .forbidden, .cancelled: throw error
            default: return .failed(id, error)
            }
        }
    }

    /// Fetches every id, calling `deliver` (serially) with batches of up to `batchSize` results.
    /// With `spreadOver`, request starts are paced evenly across that period instead of bursting.
    public func fetchAll(_ ids: [CustomerID], batchSize: Int, spreadOver: Duration? = nil,
                         deliver: @Sendable ([FetchedProfile]) async throws -> Void) async throws {
        guard !ids.isEmpty else { return }
        let pace: Duration? = spreadOver.map { $0 / ids.count }
        try await withThrowingTaskGroup(of: FetchedProfile.self) { group in
            var buffer: [FetchedProfile] = []
            buffer.reserveCapacity(batchSize)
            var inFlight = 0
            func collect(_ result: FetchedProfile) async throws {
                buffer.append(result)
                if buffer.count >= batchSize {
                    try await deliver(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            for id in ids {
                try Task.checkCancellation()
                if inFlight >= maxConcurrency, let result = try await group.next() {
                    inFlight -= 1
                    try await collect(result)
                }
                if let pace { try await Task.sleep(for: pace) }
                group.addTask { try await fetch(id) }
                inFlight += 1
            }
            for try await result in group {
                try await collect(result)
            }
            if !buffer.isEmpty { try await deliver(buffer) }
        }
    }
}
