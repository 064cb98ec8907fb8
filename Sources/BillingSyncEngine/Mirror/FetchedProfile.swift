import PartnerCenterAPI
import PartnerCenterModels

/// The outcome of fetching one customer's billing profile.
public enum FetchedProfile: Sendable {
    /// The profile as received: the resource and its exact JSON text.
    case found(CustomerID, BillingProfile, rawJSON: String)
    /// The service answered 404 for this customer's profile.
    case notFound(CustomerID)
    /// The fetch failed after the client's retries (or 403 for this customer); the mirror row is
    /// left as it was and the customer goes into the retry set.
    case failed(CustomerID, PartnerCenterError)

    /// The customer this outcome is about.
    public var customerID: CustomerID {
        switch self {
        case .found(let id, _, _), .notFound(let id), .failed(let id, _): id
        }
    }
}

extension FetchedProfile {
    /// A profile as received, with its exact JSON text taken from the profile. The case carries
    /// the text so that the fetcher builds it outside the mirror writer's transaction.
    static func found(_ id: CustomerID, _ profile: BillingProfile) -> FetchedProfile {
        .found(id, profile, rawJSON: profile.rawJSON)
    }
}

/// A fetch outcome with the mirror sequence number read before its request was sent: the row
/// may be replaced only if no write changed it since (`mirror_seq <= startSequence`).
public struct ProfileFetch: Sendable {
    /// What the fetch found.
    public let outcome: FetchedProfile
    /// `mirror_clock.seq` when the fetch began.
    public let startSequence: Int64

    /// Creates an outcome with the mirror sequence its fetch started at.
    public init(_ outcome: FetchedProfile, startSequence: Int64) {
        self.outcome = outcome
        self.startSequence = startSequence
    }
}

extension BillingProfile {
    /// The JSON text as received (the canonical text when the profile was built locally).
    var rawJSON: String {
        rawData.map { String(decoding: $0, as: UTF8.self) } ?? resource.canonicalText()
    }
}
