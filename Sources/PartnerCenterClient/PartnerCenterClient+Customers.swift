import Foundation
import PartnerCenterModels

extension PartnerCenterClient {
    /// Every customer, one page at a time (`GET /v1/customers?size=N`, then `links.next`).
    public func customerPages(pageSize: Int) -> CustomerPages {
        CustomerPages(client: self, pageSize: pageSize)
    }

    /// `GET /v1/customers/{id}`; the customer carries the body exactly as received (`receivedText`).
    public func customer(_ id: CustomerID) async throws(PartnerCenterError) -> Customer {
        let request = APIRequest(method: .GET, url: try endpoint.url("customers/\(id.rawValue)"),
                                 route: "GET /v1/customers/{id}")
        let response = try await transport.send(request)
        do {
            return try Customer(json: response.json, receivedText: response.text)
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status, message: error.description)
        }
    }

    /// `GET /v1/customers/{id}` for an id given as text; a non-GUID is refused before any request.
    public func customer(_ rawID: String) async throws(PartnerCenterError) -> Customer {
        try await customer(Self.customerID(rawID))
    }

    /// `GET /v1/customers/{id}/profiles/billing`; the profile keeps the bytes as received.
    public func billingProfile(_ id: CustomerID) async throws(PartnerCenterError) -> BillingProfile {
        try await billingProfile(id, knownBody: nil)
    }

    /// `GET /v1/customers/{id}/profiles/billing` when the caller holds the body of an earlier
    /// answer (`knownBody`, e.g. the mirrored one): an answer of exactly those bytes comes back
    /// unparsed (`BillingProfile(unparsed:)`, parsed on first use); any other is parsed and
    /// checked as by `billingProfile(_:)`.
    public func billingProfile(_ id: CustomerID, knownBody: Data?) async throws(PartnerCenterError) -> BillingProfile {
        var request = APIRequest(method: .GET, url: try endpoint.url("customers/\(id.rawValue)/profiles/billing"),
                                 route: "GET /v1/customers/{id}/profiles/billing")
        request.knownBody = knownBody
        return try Self.profile(from: try await transport.send(request))
    }

    /// `billingProfile(_:)` for an id given as text; a non-GUID is refused before any request.
    public func billingProfile(_ rawID: String) async throws(PartnerCenterError) -> BillingProfile {
        try await billingProfile(Self.customerID(rawID))
    }

    /// `PUT /v1/customers/{id}/profiles/billing` with the full resource, `If-Match: "<etag>"`
    /// and the same etag in `attributes.etag`. A stale etag surfaces as `.etagConflict` and is
    /// never resent. `requestID` is the `MS-RequestId` of this logical call (persist it to reuse
    /// it after a restart). Returns the updated profile with its new etag.
    public func updateBillingProfile(_ id: CustomerID, profile: BillingProfile, ifMatch etag: String,
                                     requestID: UUID) async throws(PartnerCenterError) -> BillingProfile {
        let bare = etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count >= 2
            ? String(etag.dropFirst().dropLast()) : etag
        guard !bare.isEmpty, !bare.contains(where: { $0 == "\"" || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        else {
            throw PartnerCenterError(kind: .invalidInput, message: "etag \(etag.debugDescription) cannot be sent in If-Match")
        }
        guard profile.resource.objectValue != nil else {
            throw PartnerCenterError(kind: .invalidInput, message: "a billing profile must be a JSON object")
        }
        let body = profile.withETag(bare).resource.jsonData()
        let request = APIRequest(method: .PUT, url: try endpoint.url("customers/\(id.rawValue)/profiles/billing"),
                                 route: "PUT /v1/customers/{id}/profiles/billing",
                                 headers: [("If-Match", "\"\(bare)\"")], body: body)
        return try Self.profile(from: try await transport.send(request, requestID: requestID))
    }

    static func customerID(_ rawID: String) throws(PartnerCenterError) -> CustomerID {
        guard let id = CustomerID(rawID) else {
            throw PartnerCenterError(kind: .invalidInput, message: InvalidCustomerID(value: rawID).description)
        }
        return id
    }

    private static func profile(from response: APIResponse) throws(PartnerCenterError) -> BillingProfile {
        if response.isKnownBody { return BillingProfile(unparsed: response.raw) }
        do {
            // The transport parsed the body already; reuse that tree with the raw bytes.
            return try BillingProfile(parsed: response.json, rawData: response.raw)
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status,
                                     message: "billing profile response is not a JSON object")
        }
    }
}
