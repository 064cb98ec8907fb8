import Foundation
import PartnerCenterAPI
import PartnerCenterModels
import Synchronization

/// A port that passes every call to `inner` and keeps the billing profiles it returned, so a
/// test can see which of them the engine parsed (copies share their parse).
final class RecordingPort: PartnerCenterPort {
    let inner: any PartnerCenterPort
    private let fetched = Mutex<[CustomerID: BillingProfile]>([:])

    init(_ inner: any PartnerCenterPort) {
        self.inner = inner
    }

    /// The profiles returned since the last call, by customer.
    func takeProfiles() -> [CustomerID: BillingProfile] {
        fetched.withLock { profiles in
            defer { profiles = [:] }
            return profiles
        }
    }

    private func keep(_ profile: BillingProfile, of id: CustomerID) -> BillingProfile {
        fetched.withLock { $0[id] = profile }
        return profile
    }

    func customerListing(pageSize: Int) -> any AsyncSequence<[Customer], PartnerCenterError> {
        inner.customerListing(pageSize: pageSize)
    }

    func customer(_ id: CustomerID) async throws(PartnerCenterError) -> Customer {
        try await inner.customer(id)
    }

    func billingProfile(_ id: CustomerID) async throws(PartnerCenterError) -> BillingProfile {
        keep(try await inner.billingProfile(id), of: id)
    }

    func billingProfile(_ id: CustomerID, knownBody: Data?) async throws(PartnerCenterError) -> BillingProfile {
        keep(try await inner.billingProfile(id, knownBody: knownBody), of: id)
    }

    func updateBillingProfile(_ id: CustomerID, profile: BillingProfile, ifMatch etag: String,
                              requestID: UUID) async throws(PartnerCenterError) -> BillingProfile {
        try await inner.updateBillingProfile(id, profile: profile, ifMatch: etag, requestID: requestID)
    }

    func countryValidationRules(iso2: String) async throws(PartnerCenterError) -> CountryValidationRules {
        try await inner.countryValidationRules(iso2: iso2)
    }

    func validateAddress(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult {
        try await inner.validateAddress(address)
    }

    func auditListing(from: Date, to: Date) -> any AsyncSequence<[AuditRecord], PartnerCenterError> {
        inner.auditListing(from: from, to: to)
    }
}
