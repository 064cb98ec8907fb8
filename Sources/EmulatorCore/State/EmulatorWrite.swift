import Foundation
import PartnerCenterModels

/// One billing-profile PUT the emulator applied (the write log a test inspects).
public struct EmulatorWrite: Sendable, Hashable, Codable {
    /// The customer written.
    public let customerID: CustomerID
    /// The `If-Match` header exactly as received (quoted or not).
    public let ifMatch: String?
    /// True when `If-Match` was not in double quotes (accepted, but the docs require quotes).
    public let ifMatchWasUnquoted: Bool
    /// `MS-RequestId` of the request.
    public let requestID: String?
    /// `MS-CorrelationId` of the request.
    public let correlationID: String?
    /// Etag before the write.
    public let oldETag: String
    /// Etag after the write.
    public let newETag: String
    /// The stored profile after the write (camelCase, unknown fields kept).
    public let body: JSONValue
    /// When it was applied.
    public let time: Date
}
