import Foundation
import Logging

/// Everything that shapes one emulator instance: where it listens, what data it generates and
/// which documented behaviours (and faults) it shows.
public struct EmulatorConfiguration: Sendable {
    /// Interface to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free ephemeral port (read it back from `PartnerCenterEmulator.port`).
    public var port: Int = 0
    /// How many customers the seed generates.
    public var customerCount: Int
    /// Seed of every generated value (same seed, same customers, ids and profiles).
    public var seed: UInt64 = 1
    /// The partner's Entra ID tenant (a GUID) accepted in the token URLs.
    public var tenantID: String
    /// The one app registration the token endpoints accept.
    public var credentials: EmulatorCredentials = .default
    /// Lifetime of issued access tokens.
    public var accessTokenLifetime: Duration = .seconds(3600)
    /// Entra ID behaviour for `grant_type=refresh_token`: every refresh returns a new refresh token
    /// and the one sent becomes superseded, answered `invalid_grant` (AADSTS700082) from then on.
    /// Off: the configured refresh token stays valid and is returned unchanged.
    public var rotatesRefreshTokens = false
    /// Requests per minute per tenant on the API routes (documented: 500); nil switches the limit off.
    public var rateLimitPerMinute: Int? = nil
    /// How a stale `If-Match` is answered.
    public var etagMismatch: ETagMismatchMode = .preconditionFailed
    /// Which contract `POST /v1/validations/address` answers in (changeable at runtime through
    /// `EmulatorState.setAddressValidationContract`).
    public var addressValidationContract: AddressValidationContract = .current
    /// Whether `links.next.uri` starts with `/v1` (the invoice doc's links do not; clients must normalize).
    public var nextLinkIncludesVersion = false
    /// Fault injection switches at start (changeable at runtime through `EmulatorState.setFaults`).
    public var faults = FaultSettings()
    /// Background edits "by another admin"; nil = none.
    public var drift: DriftSettings? = nil
    /// Page size when `size` is absent or 0.
    public var defaultPageSize = 100
    /// Largest page served; a larger `size` is capped to this.
    public var maxPageSize = 2000
    /// ARM billing accounts (Microsoft Partner Agreement) to generate, by name (any string, e.g.
    /// `1234567:abcd…_2019-05-31`); empty = no generated ARM data.
    public var armBillingAccounts: [String] = []
    /// Generated ARM customers per billing account, spread over 1–3 billing profiles per account.
    public var armCustomersPerAccount: Int = 0
    /// Also serve the documentation's exact examples: account `{billingAccountName}` with the
    /// customer `{customerName}` of the ARM "Customers - Get" page.
    public var armDocumentationExample = false
    /// Customers per page of the ARM list operations.
    public var armDefaultPageSize = 50
    /// When set (≥ 2), every Nth ARM list page is empty but still carries a `nextLink`.
    public var armEmptyPageEvery: Int? = nil
    /// Emit `"nextLink": null` on the last ARM list page instead of omitting the member.
    public var armNullNextLinkOnLastPage = false
    /// Tenant read budget per hour on the ARM routes (`x-ms-ratelimit-remaining-tenant-reads`
    /// counts down; exhausted → 429 with `Retry-After`); nil = unlimited (the header shows 11999).
    public var armReadsPerHour: Int? = nil
    /// Logger for the emulator (never logs secrets or tokens).
    public var logger = Logger(label: "partner-center-emulator")
    /// The wall clock for audit-record dates and the write log (a simulation passes its own).
    public var now: @Sendable () -> Date = { Date() }
    /// How many `MS-RequestId` answers are kept for idempotent replay (oldest forgotten first).
    public var requestIDMemory = 10_000
    /// How long audit records are kept (documented: 90 days). A `startDate` further back is
    /// answered 400, and older records are dropped.
    public var auditRetention: Duration = .seconds(90 * 86_400)
    /// The service's habit of rewriting a field on PUT: a US postal code of five digits is stored
    /// as ZIP+4 (`98052` → `98052-8300`), so the answer differs from what was sent.
    public var rewritesPostalCodes = false

    /// A configuration with the given number of generated customers.
    public init(customerCount: Int, seed: UInt64 = 1,
                tenantID: String = "8f2f5c7e-4a59-4d55-9a8e-1b2c3d4e5f60") {
        self.customerCount = customerCount
        self.seed = seed
        self.tenantID = tenantID
    }
}

/// The client credentials and the refresh token (Secure Application Model) the emulator accepts.
public struct EmulatorCredentials: Sendable, Hashable {
    /// Application (client) id.
    public var clientID: String
    /// Client secret (never logged).
    public var clientSecret: String
    /// The refresh token accepted by `grant_type=refresh_token` (never logged).
    public var refreshToken: String

    /// Creates credentials.
    public init(clientID: String, clientSecret: String, refreshToken: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
    }

    /// Fixed test credentials.
    public static let `default` = EmulatorCredentials(
        clientID: "3e1c7a52-2b0e-4f9a-9d7c-5a6b7c8d9e0f",
        clientSecret: "emulator-client-secret",
        refreshToken: "0.AAAA-emulator-refresh-token"
    )
}

/// The two contracts of the address service (reference §9.1).
public enum AddressValidationContract: String, Sendable, Codable {
    /// Since May 2021: 200 with `{originalAddress, suggestedAddresses, status, validationMessage}`.
    case current
    /// Before: 200 with an empty body when valid, else 400 code 2007 with a JSON-string description.
    case legacy
}

/// How the emulator answers a PUT whose `If-Match` no longer matches.
public enum ETagMismatchMode: String, Sendable, Codable {
    /// 412 Precondition Failed.
    case preconditionFailed
    /// 400 with code 2055 "Etag is no longer valid" (documented in error-codes.md).
    case badRequest2055
}
