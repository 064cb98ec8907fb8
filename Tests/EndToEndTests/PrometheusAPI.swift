import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The few calls of Prometheus's HTTP API the scrape test needs (`/api/v1/query`, `/api/v1/alerts`).
struct PrometheusAPI {
    let port: Int

    /// The values of an instant query's result vector (empty while Prometheus is starting).
    func query(_ expression: String) async throws -> [String] {
        var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: expression)]
        guard let object = try await get(components.url!),
              let data = object["data"] as? [String: Any], let result = data["result"] as? [[String: Any]] else { return [] }
        return result.compactMap { ($0["value"] as? [Any])?.last as? String }
    }

    /// The names from `names` that have no series yet.
    func missingSeries(_ names: [String]) async throws -> [String] {
        var missing: [String] = []
        for name in names where try await query(name).isEmpty { missing.append(name) }
        return missing
    }

    /// Names of the alerts in state `firing`.
    func firingAlerts() async throws -> Set<String> {
        guard let object = try await get(URL(string: "http://127.0.0.1:\(port)/api/v1/alerts")!),
              let data = object["data"] as? [String: Any], let alerts = data["alerts"] as? [[String: Any]] else { return [] }
        return Set(alerts.filter { $0["state"] as? String == "firing" }
            .compactMap { ($0["labels"] as? [String: Any])?["alertname"] as? String })
    }

    /// The decoded JSON object, or nil while the server does not answer yet (or, while it
    /// starts, answers something that is not its API's JSON).
    private func get(_ url: URL) async throws -> [String: Any]? {
        guard let (data, _) = try? await URLSession.shared.data(from: url) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
