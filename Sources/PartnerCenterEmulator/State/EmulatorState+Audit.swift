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

    func appendAudit(_ operation: AuditOperation, record: CustomerRecord, oldValue: JSONValue?,
                     actor: AuditActor, correlationID: String?) {
        let date = configuration.now()
        let newValue: JSONValue? = switch operation {
        case .updateBillingProfile: record.renderedBillingProfile()
        case .addCustomer: record.renderedCustomer(detailed: true)
        case .deleteCustomer: nil
        }
        var members: [String: JSONValue] = [
            "partnerId": .string(configuration.tenantID),
            "customerId": .string(record.id.rawValue),
            "customerName": record.companyProfile[member: "companyName"] ?? .null,
            "userPrincipalName": .string(actor == .application ? "" : Self.otherAdminUPN),
            "applicationId": .string(actor == .application ? configuration.credentials.clientID : Self.portalApplicationID),
            "resourceType": .string("customer"),
            "operationType": .string(operation.rawValue),
            "operationStatus": .string("succeeded"),
            "operationDate": .string(EmulatorTime.iso8601(date)),
            "originalCorrelationId": .string(correlationID ?? CustomerGenerator.guid(using: &rng)),
            "customizedData": .array([]),
            "attributes": .object(["objectType": .string("AuditRecord")]),
        ]
        if let oldValue { members["resourceOldValue"] = .string(ProfileNormalizer.pascalCased(oldValue).canonicalText()) }
        if let newValue { members["resourceNewValue"] = .string(ProfileNormalizer.pascalCased(newValue).canonicalText()) }
        audit.append(AuditEntry(date: date, record: .object(members)))
    }
}
