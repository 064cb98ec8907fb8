import Foundation
import PartnerCenterModels

/// The engine's port to Partner Center: every call the sync core makes, and nothing else.
///
/// `PartnerCenterClient` (its own module) implements it over HTTP, in production and in the
/// simulation (there over a simulated wire answered from the emulator's state model), so the whole
/// engine and client run under a seeded scheduler with faults and crashes and no sockets. Every
/// call throws only `PartnerCenterError`.
public protocol PartnerCenterPort: Sendable {
    /// Every customer, one page per element (`GET /v1/customers?size=N`, then `links.next`).
    func customerListing(pageSize: Int) -> any AsyncSequence<[Customer], PartnerCenterError>
    /// `GET /v1/customers/{id}`.
    func customer(_ id: CustomerID) async throws(PartnerCenterError) -> Customer
    /// `GET /v1/customers/{id}/profiles/billing`.
    func billingProfile(_ id: CustomerID) async throws(PartnerCenterError) -> BillingProfile
    /// `GET /v1/customers/{id}/profiles/billing` when the caller holds the body of an earlier
    /// answer: an answer of exactly `knownBody`'s bytes is not parsed (`BillingProfile.isParsed`
    /// is false until its resource is used); any other is parsed and checked as by `billingProfile(_:)`.
    func billingProfile(_ id: CustomerID, knownBody: Data?) async throws(PartnerCenterError) -> BillingProfile
    /// `PUT /v1/customers/{id}/profiles/billing` with `If-Match` and `MS-RequestId`.
    func updateBillingProfile(_ id: CustomerID, profile: BillingProfile, ifMatch etag: String,
                              requestID: UUID) async throws(PartnerCenterError) -> BillingProfile
    /// `GET /v1/countryvalidationrules/{iso2}`; a country without rules is `.notFound`.
    func countryValidationRules(iso2: String) async throws(PartnerCenterError) -> CountryValidationRules
    /// `POST /v1/validations/address` (either contract, read into one result).
    func validateAddress(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult
    /// Audit records with `from <= operationDate < to`, one page per element.
    func auditListing(from: Date, to: Date) -> any AsyncSequence<[AuditRecord], PartnerCenterError>
}
