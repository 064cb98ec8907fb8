import Foundation
import PartnerCenterModels

/// The outcome of a billing-profile PUT.
enum ProfileWriteResult: Sendable {
    case updated(JSONValue)
    case notFound
    case missingIfMatch
    case etagMismatch
    case invalid([String])
}

/// The request facts a PUT needs besides the body.
struct ProfileWriteRequest: Sendable {
    let customerID: CustomerID
    let body: JSONValue
    let ifMatch: String?
    let requestID: String?
    let correlationID: String?
}

extension EmulatorState {
    /// Applies a PUT of the full billing-profile resource: If-Match must equal the current etag
    /// (quotes optional, `W/` ignored), the documented limits must hold; then the profile is
    /// replaced (unknown fields kept), gets a new etag, an audit record and a write-log entry.
    func writeProfile(_ request: ProfileWriteRequest) -> ProfileWriteResult {
        if let change = interceptions.removeValue(forKey: request.customerID), customers[request.customerID] != nil {
            modifyProfile(request.customerID, change)
        }
        guard var record = customers[request.customerID] else { return .notFound }
        guard let rawIfMatch = request.ifMatch?.trimmingCharacters(in: .whitespaces), !rawIfMatch.isEmpty else {
            return .missingIfMatch
        }
        let (etag, wasQuoted) = Self.unquote(rawIfMatch)
        guard etag == record.etag else { return .etagMismatch }
        let stored = ProfileNormalizer.storedProfile(from: request.body, keepingID: record.billingProfile[member: "id"])
        let problems = BillingProfileField.violations(in: stored)
        guard problems.isEmpty else { return .invalid(problems) }
        if !wasQuoted {
            logger.notice("If-Match accepted without the documented double quotes", metadata: ["customer": "\(record.id)"])
        }
        let old = record.renderedBillingProfile()
        let oldETag = record.etag
        record.billingProfile = stored
        record.etag = CustomerGenerator.etag(using: &rng)
        customers[record.id] = record
        writes.append(EmulatorWrite(customerID: record.id, ifMatch: request.ifMatch, ifMatchWasUnquoted: !wasQuoted,
                                    requestID: request.requestID, correlationID: request.correlationID,
                                    oldETag: oldETag, newETag: record.etag, body: stored, time: Date()))
        appendAudit(.updateBillingProfile, record: record, oldValue: old, actor: .application,
                    correlationID: request.correlationID)
        return .updated(record.renderedBillingProfile())
    }

    /// The etag inside `"…"` or `W/"…"`, and whether it was quoted.
    static func unquote(_ value: String) -> (String, Bool) {
        var text = Substring(value)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return (String(text.dropFirst().dropLast()), true)
        }
        return (String(text), false)
    }

    /// The customer for `GET /v1/customers/{id}` or its billing profile, for the routes.
    func record(_ id: CustomerID) -> CustomerRecord? { customers[id] }
}
