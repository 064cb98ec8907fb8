import Foundation

/// The one error every Partner Center call throws: what went wrong (`kind`), the HTTP status and
/// service error code when there was a response, and the ids needed to trace the call.
/// Never contains a secret or token.
public struct PartnerCenterError: Error, Sendable, CustomStringConvertible {
    /// The classification callers act on.
    public enum Kind: String, Sendable, CaseIterable {
        /// 412, or 400 with code 2055: the ETag is stale. Re-GET and merge; never resend as is.
        case etagConflict
        /// 429: wait for `retryAfter`.
        case rateLimited
        /// 401 (a fresh token is tried once before this reaches a caller as `credential`).
        case unauthorized
        /// The credentials were refused (token endpoint error, or 401 after a fresh token).
        case credential
        /// 403.
        case forbidden
        /// 404.
        case notFound
        /// 400 (other than 2055) and other 4xx: the request is wrong; the message says why.
        case badRequest
        /// 408, 5xx, timeouts, connection resets, truncated bodies: worth retrying.
        case transient
        /// A success status with a body that is not the expected JSON.
        case invalidResponse
        /// Refused before any request was sent (e.g. a customer id that is not a GUID).
        case invalidInput
        /// The calling task was cancelled.
        case cancelled
    }

    /// What went wrong.
    public var kind: Kind
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The service's error code (`code`, `error.code` or Entra ID `error`), as text.
    public var code: String?
    /// A human-readable explanation (the service's description/message when there was one).
    public var message: String
    /// How long the service asked us to wait (`Retry-After`).
    public var retryAfter: Duration?
    /// The `MS-RequestId` sent.
    public var requestID: String?
    /// The `MS-CorrelationId` sent.
    public var correlationID: String?
    /// The service's `errorName`, when given.
    public var errorName: String?

    /// Creates an error.
    public init(kind: Kind, status: Int? = nil, code: String? = nil, message: String,
                retryAfter: Duration? = nil, requestID: String? = nil, correlationID: String? = nil,
                errorName: String? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.requestID = requestID
        self.correlationID = correlationID
        self.errorName = errorName
    }

    /// True when repeating the same request later may succeed (transient, rate-limited,
    /// invalid response). ETag conflicts are never retryable as is.
    public var isRetryable: Bool {
        switch kind {
        case .transient, .rateLimited, .invalidResponse: return true
        default: return false
        }
    }

    /// One line: kind, status, code, message and ids.
    public var description: String {
        var parts = ["Partner Center \(kind.rawValue)"]
        if let status { parts.append("HTTP \(status)") }
        if let code { parts.append("code \(code)") }
        if let errorName { parts.append(errorName) }
        var text = parts.joined(separator: " ") + ": " + message
        if let retryAfter { text += " (retry after \(retryAfter.secondsText)s)" }
        if let requestID { text += " [MS-RequestId \(requestID)]" }
        if let correlationID { text += " [MS-CorrelationId \(correlationID)]" }
        return text
    }

    /// Wraps a cancellation.
    public static func cancelled(requestID: String? = nil, correlationID: String? = nil) -> PartnerCenterError {
        PartnerCenterError(kind: .cancelled, message: "the operation was cancelled",
                           requestID: requestID, correlationID: correlationID)
    }
}
