import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels

extension EditCommand {
    /// What the pusher's address checks would say about `merged` (the mirror with the edit):
    /// lines for people, and the rule violations that would reject the edit. The country rules
    /// come from the mirror's cache; with `--check-address` missing rules are fetched and the
    /// address service is asked (nothing is stored).
    func addressChecks(_ editPatch: EditPatch, merged: JSONValue, databasePath: String,
                       policy: PushSettings.AddressValidation) async throws -> (lines: [String], blocking: [String]) {
        let changed = Set(editPatch.orderedPaths.map { $0.lowercased() })
        guard policy != .off else { return (["address checks: off ([push] address_validation)"], []) }
        guard changed.contains(where: { $0 == "culture" || $0 == "language" || $0.hasPrefix("defaultaddress.") }) else {
            return ([], [])
        }
        let country = (merged.object("defaultAddress")?.text("country") ?? "").uppercased()
        let cached = try StoreReader(path: databasePath).read { try $0.countryRules(iso2: country) }
        let components = checkAddress
            ? try DaemonComponents.make(loaded: try options.load(), observer: NoSyncObserver(), logger: Logger(label: "billing-sync"))
            : nil
        do {
            let result = try await checks(merged: merged, changed: changed, country: country, cached: cached,
                                          client: components?.client, policy: policy)
            await components?.shutdownHTTP()
            return result
        } catch {
            await components?.shutdownHTTP()
            throw error
        }
    }

    private func checks(merged: JSONValue, changed: Set<String>, country: String,
                        cached: (rawJSON: String?, fetchedAt: String)?, client: PartnerCenterClient?,
                        policy: PushSettings.AddressValidation) async throws -> (lines: [String], blocking: [String]) {
        let address = merged.object("defaultAddress") ?? .object([:])
        var lines: [String] = []
        var rules: CountryValidationRules?
        var rulesKnown = true
        if let cached {
            rules = try CountryValidationRules.cached(cached.rawJSON)
        } else if let client {
            rules = try await Self.rules(country, from: client)
        } else {
            rulesKnown = false
            lines.append("country rules for \(country.isEmpty ? "(no country)" : country): not cached yet; the daemon checks them before the push (add --check-address to fetch them now)")
        }
        var blocking: [String] = []
        if rulesKnown {
            let findings = CountryRulesCheck.findings(profile: merged, rules: rules)
            let rejecting = CountryRulesCheck.blocking(findings, rulesKnown: rules != nil, changed: changed)
            if policy == .require { blocking = rejecting.map(\.message) }
            for finding in findings {
                let verdict = rejecting.contains(finding) ? (policy == .require ? "would reject" : "logged, pushed anyway (warn)")
                    : finding.kind == .skipped ? "skipped" : "left as is"
                lines.append("country rules (\(verdict)): \(finding.message)")
            }
            if findings.isEmpty { lines.append("country rules for \(country): ok") }
        }
        let asksService = changed.contains { AddressGate.locationFields.contains($0) }
        if asksService, blocking.isEmpty {
            if let client {
                let result = try await client.validateAddress(address)
                let consequence = result.status.isVerified ? "pushed"
                    : policy == .require ? "would wait in needs_review" : "pushed anyway (warn)"
                lines.append("address service: \(result.status.rawValue)\(result.message.map { " — \($0)" } ?? "") → \(consequence)")
                for (index, suggestion) in result.suggestions.enumerated() {
                    lines.append("  suggestion \(index + 1): \(ReviewCommand.oneLine(suggestion))")
                }
            } else {
                lines.append("address service: asked before the push (\(policy.rawValue)); add --check-address to ask now")
            }
        }
        return (lines, blocking)
    }

    /// The rules of `country` from Partner Center; nil when it has none (404).
    private static func rules(_ country: String, from client: PartnerCenterClient) async throws(PartnerCenterError)
        -> CountryValidationRules? {
        do {
            return try await client.countryValidationRules(iso2: country)
        } catch {
            guard error.kind == .notFound else { throw error }
            return nil
        }
    }
}
