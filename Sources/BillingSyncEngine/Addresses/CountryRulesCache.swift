import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// Country validation rules, fetched on first need and kept in `country_rules`, refreshed once
/// older than `maxAge`. A country the service has no rules for is cached too (as "none"), so an
/// unknown code costs one call per `maxAge`, not one per edit.
public struct CountryRulesCache: Sendable {
    let client: any PartnerCenterPort
    let store: StoreWriter
    let maxAge: Duration
    let environment: SyncEnvironment

    /// Creates a cache over the store.
    public init(client: any PartnerCenterPort, store: StoreWriter, maxAge: Duration, environment: SyncEnvironment) {
        self.client = client
        self.store = store
        self.maxAge = maxAge
        self.environment = environment
    }

    /// The rules of `iso2`; nil when Partner Center has none (an unknown country, or text that is
    /// not two letters, which is not sent). When a refresh fails, a cached copy of any age is used;
    /// without one the error is thrown.
    public func rules(_ iso2: String) async throws -> CountryValidationRules? {
        let code = iso2.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        let cached = try await store.read { try $0.countryRules(iso2: code) }
        if let cached, cached.fetchedAt >= environment.timestamp(after: .zero - maxAge) {
            return try CountryValidationRules.cached(cached.rawJSON)
        }
        let fetched: CountryValidationRules?
        switch await fetch(code) {
        case .success(let rules):
            fetched = rules
        case .failure(let error):
            guard let cached else { throw error }
            return try CountryValidationRules.cached(cached.rawJSON)
        }
        let fetchedAt = environment.timestamp()
        try await store.write { try $0.saveCountryRules(iso2: code, rawJSON: fetched.map { $0.receivedText ?? $0.resource.canonicalText() },
                                                      fetchedAt: fetchedAt) }
        return fetched
    }

    /// The rules from the service; nil for a country it has none for (404).
    private func fetch(_ code: String) async -> Result<CountryValidationRules?, PartnerCenterError> {
        do {
            return .success(try await client.countryValidationRules(iso2: code))
        } catch {
            return error.kind == .notFound ? .success(nil) : .failure(error)
        }
    }
}
