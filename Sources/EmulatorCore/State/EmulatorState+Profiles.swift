import Foundation
import PartnerCenterModels

/// The outcome of a billing-profile PUT.
public enum ProfileWriteResult: Sendable {
    case updated(JSONValue)
    case notFound
    case missingIfMatch
    case etagMismatch
    case invalid([String])
}

/// The request facts a PUT needs besides the body.
public struct ProfileWriteRequest: Sendable {
    public let customerID: CustomerID
    public let body: JSONValue
    public let ifMatch: String?
    public let requestID: String?
    public let correlationID: String?

    /// Creates a request (the in-process form of `PUT …/profiles/billing`).
    public init(customerID: CustomerID, body: JSONValue, ifMatch: String?, requestID: String?, correlationID: String?) {
        self.customerID = customerID
        self.body = body
        self.ifMatch = ifMatch
        self.requestID = requestID
        self.correlationID = correlationID
    }
}

extension EmulatorState {
    /// Applies a PUT of the full billing-profile resource: If-Match must equal the current etag
    /// (quotes optional, `W/` ignored), the documented limits must hold; then the profile is
    /// replaced (unknown fields kept), gets a new etag, an audit record and a write-log entry.
    ///
    /// `MS-RequestId` is the idempotency key: a request id seen before gets the answer stored for
    /// it (success or business failure) and nothing is applied, whatever its body and If-Match —
    /// so a client that reuses an id for a different PUT is told "done" for a write that never
    /// happened.
    public func writeProfile(_ request: ProfileWriteRequest) -> ProfileWriteResult {
        if let requestID = request.requestID, let stored = requestReplies[requestID] {
            replayCount += 1
            return stored
        }
        let result = applyProfileWrite(request)
        if let requestID = request.requestID { remember(result, for: requestID) }
        return result
    }

    /// How many PUTs were answered from the idempotency memory without being applied.
    public func replayedWriteCount() -> Int { replayCount }

    private func remember(_ result: ProfileWriteResult, for requestID: String) {
        requestReplies[requestID] = result
        requestReplyOrder.append(requestID)
        if requestReplyOrder.count > max(1, configuration.requestIDMemory) {
            requestReplies.removeValue(forKey: requestReplyOrder.removeFirst())
        }
    }

    private func applyProfileWrite(_ request: ProfileWriteRequest) -> ProfileWriteResult {
        if let change = interceptions.removeValue(forKey: request.customerID), customers[request.customerID] != nil {
            modifyProfile(request.customerID, change)
        }
        if removalsBeforeWrite.remove(request.customerID) != nil { removeCustomer(request.customerID) }
        guard var record = customers[request.customerID] else { return .notFound }
        guard let rawIfMatch = request.ifMatch?.trimmingCharacters(in: .whitespaces), !rawIfMatch.isEmpty else {
            return .missingIfMatch
        }
        let (etag, wasQuoted) = Self.unquote(rawIfMatch)
        guard etag == record.etag else { return .etagMismatch }
        var stored = ProfileNormalizer.storedProfile(from: request.body, keepingID: record.billingProfile[member: "id"])
        let problems = BillingProfileField.violations(in: stored)
        guard problems.isEmpty else { return .invalid(problems) }
        if configuration.rewritesPostalCodes { stored = ProfileNormalizer.withZIPPlus4(stored) }
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
                                    oldETag: oldETag, newETag: record.etag, body: stored, time: configuration.now()))
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
    func record(_ id: CustomerID) -> EmulatedCustomer? { customers[id] }

    /// Makes one customer's customer-scoped calls (its profile GET and PUT, get-by-ID) answer 403
    /// (`true`), or restores them (`false`); the rest of the tenant is unaffected.
    public func forbidCustomer(_ id: CustomerID, _ isForbidden: Bool) {
        if isForbidden { forbiddenCustomers.insert(id) } else { forbiddenCustomers.remove(id) }
    }

    /// True when `forbidCustomer(id, true)` is in force.
    public func isCustomerForbidden(_ id: CustomerID) -> Bool { forbiddenCustomers.contains(id) }
}
