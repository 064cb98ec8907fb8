import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// Fetches billing profiles with bounded concurrency (every request also passes the client's
/// shared rate limiter) and hands them over in batches, so the writer never holds a transaction
/// across an HTTP call. Each fetch carries the mirror sequence number read before it began
/// (for fetches launched together, in one read: `maxStartAge`).
public struct ProfileFetcher: Sendable {
    let client: any PartnerCenterPort
    let store: StoreWriter
    let maxConcurrency: Int
    let environment: SyncEnvironment

    public init(client: any PartnerCenterPort, store: StoreWriter, maxConcurrency: Int, environment: SyncEnvironment = .system()) {
        self.client = client
        self.store = store
        self.maxConcurrency = max(1, maxConcurrency)
        self.environment = environment
    }

    /// Fetches one profile: 404 is `.notFound`; a 403 and other API failures are `.failed` (this
    /// customer's problem, not the run's). Token failures, a 401 that survived a fresh token and
    /// cancellation are thrown: no other customer would fare better.
    ///
    /// The mirrored body is read with the start sequence (`ReadContext.fetchStarts`) and handed to
    /// the client: an answer of the same bytes (an unchanged profile) comes back unparsed, and the
    /// mirror writer recognises it from its bytes without ever parsing it. Any other answer is
    /// parsed and checked by the client before it gets here, as always (a damaged body is an
    /// invalid response, retried).
    public func fetch(_ id: CustomerID) async throws -> ProfileFetch {
        let start = try await store.read { try $0.fetchStarts([id]) }
        return try await fetch(id, startSequence: start.sequence, mirrored: start.mirroredBodies[id])
    }

    /// Fetches one profile with start data read before it (`fetch(_:)`, or one read for several
    /// fetches in `fetchAll`).
    private func fetch(_ id: CustomerID, startSequence: Int64, mirrored: String?) async throws -> ProfileFetch {
        do {
            let profile = try await client.billingProfile(id, knownBody: mirrored.map { Data($0.utf8) })
            return ProfileFetch(.found(id, profile), startSequence: startSequence)
        } catch {
            switch error.kind {
            case .notFound: return ProfileFetch(.notFound(id), startSequence: startSequence)
            case .credential, .unauthorized, .cancelled: throw error
            default: return ProfileFetch(.failed(id, error), startSequence: startSequence)
            }
        }
    }

    /// How long start data read for several fetches at once (`fetchAll`) may be used: a fetch
    /// launched later reads its own. An older start sequence is safe (the writer refuses a fetch
    /// that a write since its start superseded, and the full path checks a body that differs) but
    /// makes more fetches superseded, so reads are shared only between fetches launched together.
    public static let maxStartAge: Duration = .seconds(1)

    /// A partial batch is handed over once its first result has waited this long: at a paced
    /// rate (500 requests a minute, 200 profiles take 24 s) fetched profiles are mirrored, and
    /// can be edited, within about a second instead of after a full batch. An unpaced load fills
    /// its batches sooner than this and keeps them whole.
    public static let maxBatchDelay: Duration = .seconds(1)

    /// Fetches every id, calling `deliver` (serially) with batches of up to `batchSize` results,
    /// or fewer once the oldest of them has waited `maxBatchDelay`.
    /// With `spreadOver`, request starts are paced evenly across that period instead of bursting.
    public func fetchAll(_ ids: [CustomerID], batchSize: Int, spreadOver: Duration? = nil,
                         deliver: @Sendable ([ProfileFetch]) async throws -> Void) async throws {
        guard !ids.isEmpty else { return }
        let pace: Duration? = spreadOver.map { $0 / ids.count }
        try await withThrowingTaskGroup(of: ProfileFetch.self) { group in
            var buffer: [ProfileFetch] = []
            buffer.reserveCapacity(batchSize)
            var flushAt = Date.distantFuture
            var inFlight = 0
            func collect(_ result: ProfileFetch) async throws {
                if buffer.isEmpty { flushAt = environment.now().addingTimeInterval(Self.maxBatchDelay.seconds) }
                buffer.append(result)
                if buffer.count >= batchSize || environment.now() >= flushAt {
                    try await deliver(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            // Start data for the next `maxConcurrency` ids, read together (one read transaction,
            // not one per fetch) and used while younger than `maxStartAge`.
            var starts = (sequence: Int64(0), mirroredBodies: [CustomerID: String]())
            var startsCover = 0
            var startsReadAt = Date.distantPast
            for (position, id) in ids.enumerated() {
                try Task.checkCancellation()
                if inFlight >= maxConcurrency, let result = try await group.next() {
                    inFlight -= 1
                    try await collect(result)
                }
                if let pace { try await environment.sleep(for: pace) }
                let now = environment.now()
                if position >= startsCover || now >= startsReadAt.addingTimeInterval(Self.maxStartAge.seconds) {
                    let chunk = Array(ids[position..<min(position + maxConcurrency, ids.count)])
                    starts = try await store.read { try $0.fetchStarts(chunk) }
                    startsCover = position + chunk.count
                    startsReadAt = now
                }
                let (sequence, mirrored) = (starts.sequence, starts.mirroredBodies[id])
                group.addTask { try await fetch(id, startSequence: sequence, mirrored: mirrored) }
                inFlight += 1
            }
            for try await result in group {
                try await collect(result)
            }
            if !buffer.isEmpty { try await deliver(buffer) }
        }
    }
}
