import Foundation
import Logging
import PartnerCenterModels

/// The emulator's whole world: customers and profiles, tokens, audit records, the write log,
/// request statistics, fault switches and drift. Tests read and change it directly.
public actor EmulatorState {
    let configuration: EmulatorConfiguration
    let logger: Logger
    /// Drives generated data, etags and tokens (deterministic from `configuration.seed`).
    var rng: SeededGenerator
    var customers: [CustomerID: EmulatedCustomer] = [:]
    /// Customer ids in creation order (the order of the list API).
    var order: [CustomerID] = []

    var accessTokens: [String: ContinuousClock.Instant] = [:]
    var refreshTokenRevoked = false
    /// Refresh tokens issued, rotated and superseded.
    var refreshTokens: RefreshTokenLedger
    /// While set, token requests wait (tests of callers that give up while a refresh is in flight).
    var tokenGate: TokenGate?
    var forbidden = false
    /// Customers whose customer-scoped calls answer 403 (e.g. no commerce relationship after a GDAP change).
    var forbiddenCustomers: Set<CustomerID> = []
    /// Answers of billing-profile PUTs by `MS-RequestId`, for idempotent replay.
    var requestReplies: [String: ProfileWriteResult] = [:]
    /// `requestReplies` keys, oldest first.
    var requestReplyOrder: [String] = []
    var replayCount = 0
    var cursors: [String: PageCursor] = [:]
    var audit: [AuditEntry] = []
    var writes: [EmulatorWrite] = []
    var requestCounts: [RouteStatus: Int] = [:]
    var rateBuckets: [String: TokenBucket] = [:]
    /// The tenant's budget enforced now (`configuration.rateLimitPerMinute` until changed).
    var rateLimitPerMinute: Int?
    /// Changes "another admin" makes just before the next PUT of a customer is processed.
    var interceptions: [CustomerID: @Sendable (inout JSONValue) -> Void] = [:]
    /// Customers another admin removes just before the next PUT of theirs is processed.
    var removalsBeforeWrite: Set<CustomerID> = []

    /// The contract the address service answers in.
    public internal(set) var addressContract: AddressValidationContract
    /// Addresses validated so far (over HTTP and in process).
    var addressValidations = 0

    /// Current fault switches.
    public internal(set) var faults: FaultSettings
    var faultRNG: SeededGenerator
    /// Current drift settings (nil: no drift).
    public internal(set) var drift: DriftSettings?
    var driftTask: Task<Void, Never>?
    /// ARM billing accounts, customers and the tenant read budget.
    var arm = ARMDirectory()

    /// A world without a server, for in-process use (the simulation drives it directly).
    public init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
        self.logger = configuration.logger
        self.rng = SeededGenerator(seed: configuration.seed)
        self.faults = configuration.faults
        self.rateLimitPerMinute = configuration.rateLimitPerMinute
        self.addressContract = configuration.addressValidationContract
        self.faultRNG = SeededGenerator(seed: configuration.faults.seed)
        self.refreshTokens = RefreshTokenLedger(initial: configuration.credentials.refreshToken,
                                                rotates: configuration.rotatesRefreshTokens)
        for _ in 0..<max(0, configuration.customerCount) {
            let record = CustomerGenerator.make(using: &rng)
            customers[record.id] = record
            order.append(record.id)
        }
        arm = ARMDataGenerator.directory(for: configuration)
    }

    /// Every customer id, in the order the list API returns them.
    public func customerIDs() -> [CustomerID] { order }

    /// The billing profile as `GET …/profiles/billing` returns it; nil for an unknown customer.
    public func profile(_ id: CustomerID) -> JSONValue? {
        customers[id]?.renderedBillingProfile()
    }

    /// The customer as `GET /v1/customers/{id}` returns it; nil for an unknown customer.
    public func customer(_ id: CustomerID) -> JSONValue? {
        customers[id]?.renderedCustomer(detailed: true)
    }

    /// Replaces a profile directly (no audit record, no write log); creates the customer when
    /// unknown. Keys may be PascalCase; `id`, `links`, `attributes` stay server-managed.
    /// Returns the new etag.
    @discardableResult
    public func setProfile(_ id: CustomerID, _ resource: JSONValue) -> String {
        var record = existingOrNew(id)
        let keptID = record.billingProfile[member: "id"]
        record.billingProfile = ProfileNormalizer.storedProfile(from: resource, keepingID: keptID)
        record.etag = CustomerGenerator.etag(using: &rng)
        customers[id] = record
        return record.etag
    }

    /// Changes a profile as another admin would (new etag and an `update_customer_billing_profile`
    /// audit record); creates the customer when unknown. `change` sees the rendered profile.
    /// Returns the new etag.
    @discardableResult
    public func modifyProfile(_ id: CustomerID, _ change: @Sendable (inout JSONValue) -> Void) -> String {
        var record = existingOrNew(id)
        var resource = record.renderedBillingProfile()
        change(&resource)
        let old = record.renderedBillingProfile()
        record.billingProfile = ProfileNormalizer.storedProfile(from: resource,
                                                                keepingID: record.billingProfile[member: "id"])
        record.etag = CustomerGenerator.etag(using: &rng)
        customers[id] = record
        appendAudit(.updateBillingProfile, record: record, oldValue: old, actor: .otherAdmin, correlationID: nil)
        return record.etag
    }

    /// Adds a generated customer (an `add_customer` audit record) and returns its id.
    @discardableResult
    public func addCustomer(companyName: String? = nil, country: String? = nil) -> CustomerID {
        let record = CustomerGenerator.make(using: &rng, companyName: companyName, country: country)
        customers[record.id] = record
        order.append(record.id)
        appendAudit(.addCustomer, record: record, oldValue: nil, actor: .otherAdmin, correlationID: nil)
        return record.id
    }

    /// Removes a customer (a `delete_customer` audit record); false when it did not exist.
    @discardableResult
    public func removeCustomer(_ id: CustomerID) -> Bool {
        guard let record = customers.removeValue(forKey: id) else { return false }
        order.removeAll { $0 == id }
        appendAudit(.deleteCustomer, record: record, oldValue: record.renderedCustomer(detailed: true),
                    actor: .otherAdmin, correlationID: nil)
        return true
    }

    /// Removes a customer without an audit record (the relationship ended in a way the feed does
    /// not report): calls for it answer 404 from now on. False when it did not exist.
    @discardableResult
    public func dropCustomerWithoutAudit(_ id: CustomerID) -> Bool {
        guard customers.removeValue(forKey: id) != nil else { return false }
        order.removeAll { $0 == id }
        return true
    }

    /// Every applied billing-profile PUT, oldest first.
    public func writeLog() -> [EmulatorWrite] { writes }

    private func existingOrNew(_ id: CustomerID) -> EmulatedCustomer {
        if let record = customers[id] { return record }
        let generated = CustomerGenerator.make(using: &rng)
        var company = generated.companyProfile
        company.setValue(.string(id.rawValue), atPath: "tenantId")
        let record = EmulatedCustomer(id: id, commerceID: generated.commerceID, domain: generated.domain,
                                    companyProfile: company,
                                    billingProfile: generated.billingProfile, etag: generated.etag)
        order.append(id)
        return record
    }
}
