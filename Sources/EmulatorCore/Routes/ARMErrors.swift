import HTTPTypes
import PartnerCenterModels

/// ARM error replies in the documented shape `{"error":{"code","message","target","details":[]}}`.
///
/// Codes used (status → code): 400 `MissingApiVersionParameter`, `InvalidApiVersionParameter`,
/// `InvalidQueryParameterValue` ($filter, $expand, $skipToken); 401 `InvalidAuthenticationToken`
/// (missing or unknown token), `ExpiredAuthenticationToken`; 403 `AuthorizationFailed`;
/// 404 `BillingAccountNotFound`, `BillingProfileNotFound`, `CustomerNotFound`, `InvalidResourceType`
/// (unknown path); 405 `MethodNotAllowed`; 429 `TooManyRequests`; 500 `InternalServerError`;
/// 503 `ServiceUnavailable`.
package enum ARMErrors {
    /// The only api-version the Customers operations support here.
    static let supportedAPIVersions = ["2020-05-01"]

    /// Any ARM error.
    static func reply(_ status: HTTPResponse.Status, _ code: String, _ message: String,
                      target: String? = nil) -> EmulatorReply {
        .json(.object(["error": .object([
            "code": .string(code),
            "message": .string(message),
            "target": target.map(JSONValue.string) ?? .null,
            "details": .array([]),
        ])]), status: status)
    }

    static func missingAPIVersion() -> EmulatorReply {
        reply(.badRequest, "MissingApiVersionParameter",
              "The api-version query parameter (?api-version=) is required for all requests.", target: "api-version")
    }

    static func invalidAPIVersion(_ version: String) -> EmulatorReply {
        reply(.badRequest, "InvalidApiVersionParameter",
              "The api-version '\(version)' is invalid. The supported versions are '\(supportedAPIVersions.joined(separator: ","))'.",
              target: "api-version")
    }

    static func invalidQuery(_ parameter: String, _ message: String) -> EmulatorReply {
        reply(.badRequest, "InvalidQueryParameterValue", message, target: parameter)
    }

    static func accountNotFound(_ account: String) -> EmulatorReply {
        reply(.notFound, "BillingAccountNotFound", "The billing account '\(account)' could not be found.")
    }

    static func profileNotFound(_ profile: String) -> EmulatorReply {
        reply(.notFound, "BillingProfileNotFound", "The billing profile '\(profile)' could not be found.")
    }

    static func customerNotFound(_ customer: String) -> EmulatorReply {
        reply(.notFound, "CustomerNotFound", "The customer '\(customer)' could not be found.")
    }

    /// 401 with the ARM `WWW-Authenticate` challenge.
    package static func unauthorized(_ check: AccessCheck) -> EmulatorReply {
        let (code, message) = switch check {
        case .expired: ("ExpiredAuthenticationToken", "The access token has expired.")
        case .missing: ("InvalidAuthenticationToken", "The 'Authorization' header is missing.")
        default: ("InvalidAuthenticationToken", "The access token is invalid.")
        }
        var answer = reply(.unauthorized, code, message)
        answer.headers.append(("WWW-Authenticate",
                               "Bearer authorization_uri=\"https://login.microsoftonline.com/\", error=\"invalid_token\", error_description=\"\(message)\""))
        return answer
    }

    package static func forbidden() -> EmulatorReply {
        reply(.forbidden, "AuthorizationFailed",
              "The client does not have authorization to perform action 'Microsoft.Billing/billingAccounts/customers/read'.")
    }

    /// 429 with `Retry-After`.
    package static func tooManyRequests(retryAfter: Int) -> EmulatorReply {
        var answer = reply(.tooManyRequests, "TooManyRequests",
                           "The request is being throttled as the limit has been reached for operation type - Read. Please retry after \(retryAfter) seconds.")
        answer.headers.append(("Retry-After", String(retryAfter)))
        return answer
    }

    package static func internalServerError() -> EmulatorReply {
        reply(.internalServerError, "InternalServerError", "Encountered internal server error. Please try again later.")
    }

    package static func serviceUnavailable() -> EmulatorReply {
        reply(.serviceUnavailable, "ServiceUnavailable", "The service is temporarily unavailable. Please retry.")
    }

    package static func unmatched(_ method: String, _ path: String, methodExists: Bool) -> EmulatorReply {
        methodExists
            ? reply(.methodNotAllowed, "MethodNotAllowed", "The method '\(method)' is not allowed; billing customers are read-only.")
            : reply(.notFound, "InvalidResourceType", "No route for '\(path)' in namespace 'Microsoft.Billing'.")
    }
}
