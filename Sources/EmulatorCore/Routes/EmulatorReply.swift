import HTTPTypes
import PartnerCenterModels

/// What a route handler answers: status, JSON (or no) body and extra headers.
package struct EmulatorReply: Sendable {
    /// The status.
    package var status: HTTPResponse.Status
    /// The JSON body; nil for none.
    package var body: JSONValue?
    /// Headers beside the common ones.
    package var headers: [(String, String)] = []

    /// 200 (or another status) with a JSON body.
    static func json(_ body: JSONValue, status: HTTPResponse.Status = .ok) -> EmulatorReply {
        EmulatorReply(status: status, body: body)
    }

    /// The documented Partner Center error body `{code, description, data, source}`.
    static func error(_ status: HTTPResponse.Status, code: Int, _ description: String,
                      data: [String] = [], source: String = "PartnerFD") -> EmulatorReply {
        EmulatorReply(status: status, body: .object([
            "code": .integer(Int64(code)),
            "description": .string(description),
            "data": .array(data.map { .string($0) }),
            "source": .string(source),
        ]))
    }

    /// The documented 429 body `{statusCode, message}` with `Retry-After`.
    package static func tooManyRequests(retryAfter: Int) -> EmulatorReply {
        EmulatorReply(status: .tooManyRequests, body: .object([
            "statusCode": .integer(429),
            "message": .string("Rate limit is exceeded. Try again in \(retryAfter) seconds."),
        ]), headers: [("Retry-After", String(retryAfter))])
    }

    /// The 500 of the internal-error fault.
    package static let internalServerError = EmulatorReply.error(.internalServerError, code: 500, "An internal error occurred. Please retry.")

    /// The 503 of the unavailable fault.
    package static let serviceUnavailable = EmulatorReply.error(.serviceUnavailable, code: 503,
                                                        "The service is temporarily unavailable. Please retry.")

    /// 400 for a value that must be a GUID (documented code 2000).
    static func notAGUID(_ name: String, _ value: String) -> EmulatorReply {
        .error(.badRequest, code: 2000, "\(name) must be a GUID. Got '\(value)'.", source: "PartnerApiServiceControllers")
    }

    /// 404 for an unknown customer (documented code 60003).
    static func customerNotFound(_ id: CustomerID) -> EmulatorReply {
        .error(.notFound, code: 60003, "Tenant not found: customer \(id.rawValue) does not exist.")
    }

    /// 403 for one customer the partner may no longer act for (no commerce relationship, code 20002).
    static func customerForbidden(_ id: CustomerID) -> EmulatorReply {
        .error(.forbidden, code: 20002, "Access denied: the partner has no commerce relationship with customer \(id.rawValue).")
    }

    /// 400 "Invalid request input" (documented code 800002).
    static func invalidInput(_ description: String) -> EmulatorReply {
        .error(.badRequest, code: 800002, "Invalid request input: \(description)")
    }
}
