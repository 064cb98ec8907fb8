import Foundation
import PartnerCenterModels

/// One stored audit record with its date, for range queries.
struct AuditEntry: Sendable {
    let date: Date
    let record: JSONValue
}

/// Who made a change, as audit records report it.
enum AuditActor {
    /// The application using the API (the sync daemon under test).
    case application
    /// Another admin in the Partner Center portal (drift, admin changes).
    case otherAdmin
}

/// The documented audit operation types the emulator produces.
enum AuditOperation: String {
    case updateBillingProfile = "update_customer_billing_profile"
    case addCustomer = "add_customer"
    case deleteCustomer = "delete_customer"
}

/// Audit records that change no billing profile, of the kinds the real feed carries beside the
/// useful ones (reference §9.3). A client must pass over each without refreshing, or stalling.
public enum AuditNoise: String, CaseIterable, Sendable {
    /// An operation type no client knows yet (new ones appear over time).
    case unknownOperation
    /// A billing-profile update with `operationStatus: decline`: nothing changed.
    case declined
    /// A partner-level record without `customerId` (`update_company_info`).
    case withoutCustomer
    /// A billing-profile record dated three days after the service's clock (nothing changed).
    case futureDated
}

extension EmulatorState {
    /// Application id reported for changes made in the portal by another admin.
    static let portalApplicationID = "c2b5b1a9-6f1e-4c8e-9d0a-0000000000f1"
    /// User reported for changes made in the portal by another admin.
    static let otherAdminUPN = "other.admin@partner.example.com"

    /// Every audit record, oldest first, in the documented `AuditRecord` shape.
    public func auditRecords() -> [JSONValue] { audit.map(\.record) }

    /// Audit records with `start <= operationDate < end`, oldest first, optionally filtered
    /// (documented filter fields CustomerId, CompanyName, ResourceType; operators equals, substring).
    func auditRecords(from start: Date, to end: Date, filter: ListFilter?) -> [JSONValue] {
        auditRecordsMatching(from: start, to: end, filter: filter)
    }

    /// Audit records with `start <= operationDate < end`, oldest first (the in-process form of
    /// `GET /v1/auditrecords` without a filter).
    public func auditRecords(from start: Date, to end: Date) -> [JSONValue] {
        auditRecordsMatching(from: start, to: end, filter: nil)
    }

    private func auditRecordsMatching(from start: Date, to end: Date, filter: ListFilter?) -> [JSONValue] {
        audit.filter { $0.date >= start && $0.date < end }.map(\.record).filter { record in
            guard let filter else { return true }
            let field: String
            switch filter.field.lowercased() {
            case "customerid": field = "customerId"
            case "companyname": field = "customerName"
            case "resourcetype": field = "resourceType"
            default: return false
            }
            return filter.matches(record[member: field]?.stringValue)
        }
    }

    /// The 400 text for a `startDate` older than the audit retention (reference §9.3); nil when the
    /// start is served. One rule for the route and the simulation.
    public func auditStartRefusal(_ start: Date) -> String? {
        guard start < oldestKeptAuditDate() else { return nil }
        let days = configuration.auditRetention.components.seconds / 86_400
        return "startDate \(EmulatorTime.iso8601(start)) is more than \(days) days ago: audit records are kept \(days) days."
    }

    private func oldestKeptAuditDate() -> Date {
        configuration.now().addingTimeInterval(-Double(configuration.auditRetention.components.seconds))
    }

    /// Appends one record of `kind` (about `customer` where the kind names one): noise a client must
    /// pass over. Changes no profile.
    public func appendAuditNoise(_ kind: AuditNoise, customer: CustomerID?) {
        let record = customer.flatMap { customers[$0] }
        var members = auditMembers(operationType: "update_customer_billing_profile", record: record, actor: .otherAdmin,
                                   correlationID: nil)
        var date = configuration.now()
        switch kind {
        case .unknownOperation: members["operationType"] = .string("update_customer_sustainability_preferences")
        case .declined: members["operationStatus"] = .string("decline")
        case .withoutCustomer:
            members["operationType"] = .string("update_company_info")
            members["customerId"] = nil
            members["customerName"] = nil
            members["resourceType"] = .string("partner")
        case .futureDated: date = date.addingTimeInterval(3 * 86_400)
        }
        members["operationDate"] = .string(EmulatorTime.iso8601(date))
        storeAudit(AuditEntry(date: date, record: .object(members)))
    }

    func appendAudit(_ operation: AuditOperation, record: EmulatedCustomer, oldValue: JSONValue?,
                     actor: AuditActor, correlationID: String?) {
        let newValue: JSONValue? = switch operation {
        case .updateBillingProfile: record.renderedBillingProfile()
        case .addCustomer: record.renderedCustomer(detailed: true)
        case .deleteCustomer: nil
        }
        var members = auditMembers(operationType: operation.rawValue, record: record, actor: actor, correlationID: correlationID)
        if let oldValue { members["resourceOldValue"] = .string(ProfileNormalizer.pascalCased(oldValue).canonicalText()) }
        if let newValue { members["resourceNewValue"] = .string(ProfileNormalizer.pascalCased(newValue).canonicalText()) }
        storeAudit(AuditEntry(date: configuration.now(), record: .object(members)))
    }

    /// The members every record has, in the documented `AuditRecord` shape, dated now.
    private func auditMembers(operationType: String, record: EmulatedCustomer?, actor: AuditActor,
                              correlationID: String?) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "partnerId": .string(configuration.tenantID),
            "userPrincipalName": .string(actor == .application ? "" : Self.otherAdminUPN),
            "applicationId": .string(actor == .application ? configuration.credentials.clientID : Self.portalApplicationID),
            "resourceType": .string("customer"),
            "operationType": .string(operationType),
            "operationStatus": .string("succeeded"),
            "operationDate": .string(EmulatorTime.iso8601(configuration.now())),
            "originalCorrelationId": .string(correlationID ?? CustomerGenerator.guid(using: &rng)),
            "customizedData": .array([]),
            "attributes": .object(["objectType": .string("AuditRecord")]),
        ]
        if let record {
            members["customerId"] = .string(record.id.rawValue)
            members["customerName"] = record.companyProfile[member: "companyName"] ?? .null
        }
        return members
    }

    /// Keeps `entry` in date order and drops what is past the retention.
    private func storeAudit(_ entry: AuditEntry) {
        let index = audit.lastIndex { $0.date <= entry.date }.map { $0 + 1 } ?? 0
        audit.insert(entry, at: index)
        let oldest = oldestKeptAuditDate()
        if let first = audit.first, first.date < oldest { audit.removeAll { $0.date < oldest } }
    }
}
