import PartnerCenterClient
import PartnerCenterModels

/// The outcome of fetching one customer's billing profile.
public enum FetchedProfile: Sendable {
    /// The profile as received: the resource and its exact JSON text.
    case found(CustomerID, BillingProfile, rawJSON: String)
    /// The service answered 404 for this customer's profile.
    case notFound(CustomerID)
    /// The fetch failed after the client's retries; the mirror row is left as it was.
    case failed(CustomerID, PartnerCenterError)

    /// The customer this outcome is about.
    public var customerID: CustomerID {
        switch self {
        case .found(let id, _, _), .notFound(let id), .failed(let id, _): id
        }
    }
}

extension BillingProfile {
    /// The JSON text as received (the canonical text when the profile was built locally).
    var rawJSON: String {
        rawData.map { String(decoding: $0, as: UTF8.self) } ?? resource.canonicalText()
    }
}
