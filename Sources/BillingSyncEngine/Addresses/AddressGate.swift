import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// The address checks the pusher runs once per attempt, after the merge and before the PUT
/// (`[push] address_validation`; nothing at all under `off`).
///
/// 1. When the PUT changes the address, culture or language: the merged profile is checked
///    against its country's rules (`CountryRulesCheck`, rules from `CountryRulesCache`). Under
///    `require`, a violation in a field an edit changes — any address finding when an edit
///    changes the country, and an unknown country whenever the address changes — rejects that
///    edit with the finding's message; under `warn` it is logged and the push goes on (`warn`
///    never blocks what pushed before). Other findings are logged and kept with the service's
///    answer.
/// 2. When the PUT changes where the address is (line 1/2, city, state, postal code, country):
///    the merged address goes to the address service, and the answer is stored for each edit
///    concerned. Under `require`, an answer that is not Verified/VerifiedShippable holds those
///    edits in `needs_review` (each with the suggestions as it may accept them: see
///    `suggestions(_:for:group:)`); under `warn` they go on. An edit pushed as is is not sent to
///    the service again. An accepted suggestion is: it holds only the edit's own properties and
///    the service's corrections of them, so the merged address may still be one the service
///    refused (seed 16074: each of three edits accepted a suggestion that changed nothing of its
///    own, and the refused address was PUT). Under `require`, an address still not verified then
///    rejects the accepted edits, naming the answer (an edit never waits for review twice).
public struct AddressGate: SyncComponent {
    public let context: SyncContext

    /// What the pusher does next.
    enum Decision {
        /// PUT the merged profile.
        case proceed
        /// Take these edits out of the group with this status and reason, and merge again.
        case hold([ClaimedEdit], status: EditStatus, reason: String)
        /// A call failed: leave the edits for a later pass.
        case retryLater(PartnerCenterError)
    }

    /// The address properties the address service validates (lower-cased dotted paths).
    public static let locationFields: Set<String> = Set(AddressValidationRequest.keys.map { "defaultaddress.\($0.lowercased())" })

    func check(_ open: [ClaimedEdit], customer: CustomerID, merged: JSONValue, changed: Set<String>) async throws -> Decision {
        let policy = configuration.addressValidation
        let changedKeys = Set(changed.map { $0.lowercased() })
        guard policy != .off, changedKeys.contains(where: Self.isRuleField) else { return .proceed }
        let country = merged.object("defaultAddress")?.text("country") ?? ""
        let rules: CountryValidationRules?
        do {
            rules = try await CountryRulesCache(client: client, store: store, maxAge: configuration.countryRulesMaxAge,
                                                environment: environment).rules(country)
        } catch {
            guard let failure = error as? PartnerCenterError else { throw error }
            return .retryLater(failure)
        }
        let findings = CountryRulesCheck.findings(profile: merged, rules: rules)
        let blocking = CountryRulesCheck.blocking(findings, rulesKnown: rules != nil, changed: changedKeys)
        if !blocking.isEmpty {
            let fields = Set(blocking.map { $0.field.lowercased() })
            let addressBlocked = fields.contains { $0.hasPrefix("defaultaddress.") }
            let culprits = open.filter { item in
                let keys = Set(item.patch.changes.keys.map { $0.lowercased() })
                return !keys.isDisjoint(with: fields) || (keys.contains("defaultaddress.country") && addressBlocked)
                    || (rules == nil && keys.contains { $0.hasPrefix("defaultaddress.") })
            }
            let reason = "country rules: " + blocking.map(\.message).joined(separator: "; ")
            guard policy == .warn else { return .hold(culprits.isEmpty ? open : culprits, status: .rejected, reason: reason) }
            logger.warning("country rules broken; pushing under address_validation = warn",
                           metadata: ["customer": "\(customer)", "edits": "\(culprits.map(\.edit.id))", "reason": "\(reason)"])
        }
        for finding in findings where !blocking.contains(finding) {
            logger.notice("country rules finding left as is (the edit does not change that field)",
                          metadata: ["customer": "\(customer)", "finding": "\(finding.message)"])
        }
        let located = open.filter { item in item.patch.changes.keys.contains { Self.locationFields.contains($0.lowercased()) } }
        let checked = located.filter { !$0.edit.isPushAsIs }
        let unreviewed = checked.filter { $0.edit.reviewAction == nil }
        guard !checked.isEmpty, let address = merged.object("defaultAddress") else { return .proceed }
        let result: AddressValidationResult
        switch await validate(address) {
        case .success(let answer):
            result = answer
        case .failure(let error):
            observer.record(.addressValidation(outcome: .error))
            if policy == .warn {
                logger.warning("address service unavailable; pushing under address_validation = warn",
                               metadata: ["customer": "\(customer)", "error": "\(error)"])
                return .proceed
            }
            if error.kind == .badRequest {
                return .hold(checked, status: .rejected, reason: "the address service refused the address: \(error.message)")
            }
            return .retryLater(error)
        }
        let verified = result.status.isVerified
        observer.record(.addressValidation(outcome: verified ? .verified : .notVerified))
        try await record(result, sent: address, findings: findings, edits: checked, group: open, customer: customer)
        guard !verified else { return .proceed }
        let summary = "address service: \(result.status.rawValue)" + (result.message.map { " — \($0)" } ?? "")
            + " (\(result.suggestions.count) suggestion\(result.suggestions.count == 1 ? "" : "s"))"
        guard policy == .require else {
            logger.warning("address not verified; pushing under address_validation = warn",
                           metadata: ["customer": "\(customer)", "result": "\(summary)"])
            return .proceed
        }
        guard unreviewed.isEmpty else {
            return .hold(unreviewed, status: .needsReview, reason: summary + "; see `billing-sync review`")
        }
        return .hold(checked, status: .rejected, reason: "the address with the accepted suggestion is still not verified: "
                     + summary + "; push the edit as is or queue a new one")
    }

    private func validate(_ address: JSONValue) async -> Result<AddressValidationResult, PartnerCenterError> {
        do {
            return .success(try await client.validateAddress(address))
        } catch {
            return .failure(error)
        }
    }

    /// The service's suggestions as one edit of `group` may accept them (what is stored for it,
    /// and what `review --accept` and the documented SQL take): per suggestion, the validated
    /// address properties (camelCase, whatever case the service answered in) that this edit
    /// changes or that the service corrected (its value differs from the one `sent`). A property
    /// the service only echoed is left out (accepting must not make a value the edit merely saw
    /// its own), and so is one whose merged value is another edit's (one this edit does not
    /// change, or one a later edit changes too): accepting this edit must not push that edit's
    /// value while it waits for review.
    static func suggestions(_ suggestions: [JSONValue], for item: ClaimedEdit, group: [ClaimedEdit], sent: JSONValue) -> [JSONValue] {
        let foreign = Set(GroupMerge.valueOwners(group).filter { $0.value != item.edit.id }.keys)
        let own = Set(item.patch.changes.keys.map { $0.lowercased() })
        return suggestions.map { suggestion in
            var members: [String: JSONValue] = [:]
            for key in AddressValidationRequest.keys {
                let path = "defaultaddress.\(key.lowercased())"
                guard let value = suggestion[member: key], !value.isNull, !foreign.contains(path) else { continue }
                if own.contains(path) || value != sent[member: key] { members[key] = value }
            }
            return .object(members)
        }
    }

    /// Culture, language and every address field are checked against the country rules.
    static func isRuleField(_ key: String) -> Bool {
        key == "culture" || key == "language" || key.hasPrefix("defaultaddress.")
    }

    private func record(_ result: AddressValidationResult, sent: JSONValue, findings: [CountryRulesFinding],
                        edits: [ClaimedEdit], group: [ClaimedEdit], customer: CustomerID) async throws {
        let now = environment.timestamp()
        let findingsJSON = JSONValue.array(findings.map { .string($0.message) }).canonicalText()
        try await store.write { tx in
            for item in edits {
                let suggestions = JSONValue.array(Self.suggestions(result.suggestions, for: item, group: group, sent: sent)).canonicalText()
                try tx.recordAddressValidation(AddressValidationRecord(
                    outboxID: item.edit.id, customerID: customer.rawValue, status: result.status.rawValue,
                    suggestionsJSON: suggestions, message: result.message, ruleFindingsJSON: findingsJSON,
                    profileHash: nil, checkedAt: now, source: .push))
            }
        }
    }
}
