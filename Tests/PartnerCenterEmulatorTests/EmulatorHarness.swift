import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PartnerCenterEmulator
import PartnerCenterModels

/// A started emulator plus an HTTP client talking to it over loopback.
struct EmulatorHarness {
    let emulator: PartnerCenterEmulator
    let client: HTTPClient

    /// One HTTP answer.
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let text: String
        var json: JSONValue? { try? JSONValue(parsing: text) }
    }

    /// Runs `body` against a fresh emulator and always shuts both down.
    static func with<T>(_ configuration: EmulatorConfiguration,
                        _ body: (EmulatorHarness) async throws -> T) async throws -> T {
        let emulator = try await PartnerCenterEmulator.start(configuration)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let harness = EmulatorHarness(emulator: emulator, client: client)
        do {
            let result = try await body(harness)
            try await client.shutdown()
            try await emulator.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? await emulator.shutdown()
            throw error
        }
    }

    /// Sends a request; `path` is relative to the base URL unless it starts with `http`.
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil,
              timeout: TimeAmount = .seconds(10)) async throws -> Answer {
        let url = path.hasPrefix("http") ? path : emulator.baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: buffer))
    }

    /// Form-encoded POST to a token URL.
    func tokenRequest(_ url: String, _ fields: [(String, String)]) async throws -> Answer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let form = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return try await send(.POST, url, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form)
    }

    /// A valid access token from the v2 endpoint (client credentials).
    func accessToken() async throws -> String {
        let credentials = emulator.configuration.credentials
        let answer = try await tokenRequest(emulator.tokenURL, [
            ("client_id", credentials.clientID), ("client_secret", credentials.clientSecret),
            ("scope", "https://api.partnercenter.microsoft.com/.default"), ("grant_type", "client_credentials"),
        ])
        guard let token = answer.json?[member: "access_token"]?.stringValue else {
            throw HarnessError(description: "no token: \(answer.status) \(answer.text)")
        }
        return token
    }

    /// An API call with a fresh token (and the documented request headers).
    func api(_ method: HTTPMethod, _ path: String, token: String, headers: [(String, String)] = [],
             body: String? = nil) async throws -> Answer {
        try await send(method, path, headers: [
            ("Authorization", "Bearer \(token)"), ("Accept", "application/json"),
            ("MS-RequestId", UUID().uuidString), ("MS-CorrelationId", UUID().uuidString),
        ] + headers, body: body)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

extension EmulatorConfiguration {
    /// A small configuration for tests.
    static func test(customers: Int = 10, seed: UInt64 = 7) -> EmulatorConfiguration {
        EmulatorConfiguration(customerCount: customers, seed: seed)
    }
}
