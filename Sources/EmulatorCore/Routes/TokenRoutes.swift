import Foundation
import HTTPTypes
import PartnerCenterModels

/// Entra ID token endpoints: v2 (`scope`) and v1 (`resource`), client credentials and refresh token.
enum TokenRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.post, "/{tenant}/oauth2/v2.0/token", kind: .token, name: EmulatorState.tokenRoute) {
            await token($0, version: 2)
        },
        EmulatorRoute(.post, "/{tenant}/oauth2/token", kind: .token, name: EmulatorState.tokenRoute) {
            await token($0, version: 1)
        },
    ]

    private static func token(_ request: EmulatorRequest, version: Int) async -> EmulatorReply {
        if let gate = await request.state.currentTokenGate() { await gate.wait() }
        let form = request.formBody
        let credentials = request.configuration.credentials
        let tenant = request.pathParameters["tenant"] ?? ""
        guard tenant.lowercased() == request.configuration.tenantID.lowercased() else {
            return aadError(.badRequest, "invalid_tenant", 90002, "Tenant '\(tenant)' not found.")
        }
        guard let grant = form["grant_type"], !grant.isEmpty else {
            return aadError(.badRequest, "invalid_request", 900144,
                            "The request body must contain the following parameter: 'grant_type'.")
        }
        guard form["client_id"] == credentials.clientID else {
            return aadError(.badRequest, "unauthorized_client", 700016,
                            "Application with identifier '\(form["client_id"] ?? "")' was not found in the directory.")
        }
        guard form["client_secret"] == credentials.clientSecret else {
            return aadError(.unauthorized, "invalid_client", 7000215,
                            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.")
        }
        switch grant {
        case "client_credentials":
            break
        case "refresh_token":
            switch await request.state.checkRefreshToken(form["refresh_token"] ?? "") {
            case .valid: break
            case .revoked:
                return revoked
            case .superseded:
                return aadError(.badRequest, "invalid_grant", 700082,
                                "The refresh token has expired due to inactivity. The token was issued on a date and was inactive for 90.00:00:00.")
            case .unknown:
                return aadError(.badRequest, "invalid_grant", 70008,
                                "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.")
            }
        default:
            return aadError(.badRequest, "unsupported_grant_type", 70003,
                            "The app requested an unsupported grant type '\(grant)'.")
        }
        let issued = await request.state.issueAccessToken()
        var body: [String: JSONValue] = ["token_type": .string("Bearer"), "access_token": .string(issued.accessToken)]
        if version == 2 {
            body["expires_in"] = .integer(Int64(issued.lifetimeSeconds > 1 ? issued.lifetimeSeconds - 1 : issued.lifetimeSeconds))
            body["ext_expires_in"] = body["expires_in"]
            if let scope = form["scope"] { body["scope"] = .string(scope) }
        } else {
            body["expires_in"] = .string(String(issued.lifetimeSeconds))
            body["ext_expires_in"] = .string(String(issued.lifetimeSeconds))
            body["expires_on"] = .string(String(issued.expiresOn))
            body["not_before"] = .string(String(issued.notBefore))
            body["resource"] = .string(form["resource"] ?? "https://api.partnercenter.microsoft.com")
        }
        if grant == "refresh_token" {
            body["refresh_token"] = .string(await request.state.rotateRefreshToken(form["refresh_token"] ?? ""))
        }
        return .json(.object(body))
    }

    /// The answer to a refresh token that expired or was revoked.
    static var revoked: EmulatorReply {
        aadError(.badRequest, "invalid_grant", 700082, "The refresh token has expired due to inactivity or was revoked.")
    }

    /// The Entra ID error body.
    private static func aadError(_ status: HTTPResponse.Status, _ error: String, _ code: Int,
                                 _ message: String) -> EmulatorReply {
        let trace = UUID().uuidString.lowercased()
        let correlation = UUID().uuidString.lowercased()
        let timestamp = EmulatorTime.iso8601(Date())
        return .json(.object([
            "error": .string(error),
            "error_description": .string("AADSTS\(code): \(message) Trace ID: \(trace) Correlation ID: \(correlation) Timestamp: \(timestamp)"),
            "error_codes": .array([.integer(Int64(code))]),
            "timestamp": .string(timestamp),
            "trace_id": .string(trace),
            "correlation_id": .string(correlation),
        ]), status: status)
    }
}
