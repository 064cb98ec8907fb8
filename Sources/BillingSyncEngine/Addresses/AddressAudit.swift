import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// `billing-sync addresses check`: every mirrored billing address against its country's rules
/// and Partner Center's address service, each answer stored in `address_validations`
/// (`source = 'audit'`) with the `content_hash` of the profile checked.
///
/// Resumable by construction: a profile whose current hash already has an audit answer is
/// skipped, and every answer is committed as it arrives, so a run killed at any point goes on
/// where it stopped without asking again about what is done. Calls go through the context's
/// client (the tenant's shared rate limiter); at most `maxConcurrency` are in flight.
public struct AddressAudit: SyncComponent {
    public let context: SyncContext

    public init(context: SyncContext) {
        self.context = context
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable {
        /// Profiles checked in this run.
        public var checked = 0
        /// Of those, the address service verified.
        public var verified = 0
        /// Of those, the service did not verify (any other status).
        public var notVerified = 0
        /// Of those, with at least one country-rule violation.
        public var ruleViolations = 0
        /// Profiles whose check failed (left for the next run).
        public var errors = 0
    }

    /// Checks up to `limit` profiles not checked since they last changed, optionally of one
    /// country; `progress` is told after each (done, remaining in this run).
    public func run(country: String?, limit: Int, maxConcurrency: Int,
                    progress: @Sendable (Summary) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        var after = ""
        var remaining = max(0, limit)
        let rules = CountryRulesCache(client: client, store: store, maxAge: configuration.countryRulesMaxAge,
                                      environment: environment)
        while remaining > 0 {
            let (start, size) = (after, min(remaining, 200))
            let page = try await store.read { try $0.profilesToAudit(country: country, after: start, limit: size) }
            guard let last = page.last else { break }
            after = last.customerID
            remaining -= page.count
            // One rules fetch per country, before the concurrent checks ask for them.
            let countries = Set(page.compactMap { try? JSONValue(parsing: $0.rawJSON).object("defaultAddress")?.text("country") })
            for country in countries.sorted() { _ = try? await rules.rules(country) }
            try await withThrowingTaskGroup(of: Outcome.self) { group in
                var inFlight = 0
                for profile in page {
                    if inFlight >= max(1, maxConcurrency), let outcome = try await group.next() {
                        summary.add(outcome)
                        progress(summary)
                        inFlight -= 1
                    }
                    group.addTask { try await check(profile, rules: rules) }
                    inFlight += 1
                }
                for try await outcome in group {
                    summary.add(outcome)
                    progress(summary)
                }
            }
        }
        return summary
    }

    enum Outcome {
        case checked(verified: Bool, violations: Bool)
        case failed
    }

    private func check(_ profile: (customerID: String, rawJSON: String, hash: String),
                       rules cache: CountryRulesCache) async throws -> Outcome {
        guard let resource = try? JSONValue(parsing: profile.rawJSON) else { return .failed }
        let address = resource.object("defaultAddress") ?? .object([:])
        do {
            let rules = try await cache.rules(address.text("country") ?? "")
            let findings = CountryRulesCheck.findings(profile: resource, rules: rules)
            let result = try await validate(address)
            let record = AddressValidationRecord(
                outboxID: nil, customerID: profile.customerID, status: result.status.rawValue,
                suggestionsJSON: JSONValue.array(result.suggestions).canonicalText(), message: result.message,
                ruleFindingsJSON: JSONValue.array(findings.map { .string($0.message) }).canonicalText(),
                profileHash: profile.hash, checkedAt: environment.timestamp(), source: .audit)
            _ = try await store.write { try $0.recordAddressValidation(record) }
            return .checked(verified: result.status.isVerified, violations: findings.contains { $0.kind == .violation })
        } catch {
            guard let failure = error as? PartnerCenterError, failure.kind != .cancelled, failure.kind != .credential else {
                throw error
            }
            logger.warning("address check failed; left for the next run",
                           metadata: ["customer": "\(profile.customerID)", "error": "\(failure)"])
            return .failed
        }
    }

    /// The service's answer; a 400 (a required property missing) is an answer too, `Refused`.
    private func validate(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult {
        do {
            let result = try await client.validateAddress(address)
            observer.record(.addressValidation(outcome: result.status.isVerified ? .verified : .notVerified))
            return result
        } catch {
            observer.record(.addressValidation(outcome: .error))
            guard error.kind == .badRequest else { throw error }
            return AddressValidationResult(status: AddressValidationStatus("Refused"), message: error.message)
        }
    }
}

extension AddressAudit.Summary {
    mutating func add(_ outcome: AddressAudit.Outcome) {
        switch outcome {
        case .checked(let verified, let violations):
            checked += 1
            if verified { self.verified += 1 } else { notVerified += 1 }
            if violations { ruleViolations += 1 }
        case .failed:
            errors += 1
        }
    }
}
