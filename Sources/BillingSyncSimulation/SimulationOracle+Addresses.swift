import BillingSyncEngine
import BillingSyncSQLite
import PartnerCenterClient
import PartnerCenterModels

/// The address promises (`[push] address_validation`): under `require` no PUT moves an address
/// to one the service did not verify unless the operator overrode that edit; `needs_review` is
/// a resting state (never pushed, never lost, never changed, left only by the operator);
/// `cancelled` is final and never PUT; an accepted suggestion keeps the edit's base and lands;
/// under `warn` nothing waits; under `off` the service is never asked.
extension SimulationOracle {
    /// What the operator did to an edit waiting for review.
    enum Review: String, Sendable {
        case accepted, overridden, cancelled
    }

    /// The operator's review of edit `id` succeeded. An accepted suggestion replaces the edit's
    /// wanted values (`patch`: field → value); its base stays the profile it was queued on.
    mutating func reviewed(_ id: Int64, _ review: Review, patch: [String: String?]? = nil) {
        reviews[id] = review
        guard let patch, var edit = edits[id] else { return }
        edit.wanted = patch.filter { fields.contains($0.key) }
        edit.base = edit.baseResource.map { base in Dictionary(uniqueKeysWithValues: edit.wanted.keys.map { ($0, Self.text(base, $0)) }) }
        edits[id] = edit
    }

    /// Customers with an edit waiting in `needs_review` at the last check, in id order.
    var customersWaitingForReview: [CustomerID] {
        Set(lastStatus.filter { $0.value == "needs_review" }.compactMap { edits[$0.key]?.customer }).sorted()
    }

    /// The address fields the service judges, as one comparable text.
    static func addressKey(_ resource: JSONValue?) -> String {
        AddressValidationRequest.keys.map { key in
            "\(key)=\(text(resource, "defaultAddress.\(key)")?.trimmingCharacters(in: .whitespaces) ?? "")"
        }.joined(separator: "|")
    }

    /// Takes in the address service's new answers.
    mutating func readAddressChecks(_ events: SimulationEvents) {
        let checks = events.addressChecks(from: addressChecksSeen)
        addressChecksSeen += checks.count
        for check in checks {
            verdicts[Self.addressKey(.object(["defaultAddress": check.address])), default: []].insert(check.status)
            for suggestion in check.suggestions { suggested.insert(Self.addressKey(.object(["defaultAddress": suggestion]))) }
        }
    }

    /// One applied PUT, with the edits whose values it applied.
    mutating func checkAddressPut(_ put: SimulationEvents.Put, applied: Set<Int64>) {
        for id in applied.sorted() {
            if reviews[id] == .cancelled {
                fail("cancelled edit \(id) was applied by a PUT to \(put.customer)")
            } else if reviews[id] == nil, lastStatus[id] == "needs_review" {
                fail("edit \(id) was applied by a PUT to \(put.customer) while it waited in needs_review")
            }
        }
        guard policy == .require, let body = try? JSONValue(parsing: put.body) else { return }
        let sent = Self.addressKey(body)
        guard sent != Self.addressKey(put.before), !applied.contains(where: { reviews[$0] == .overridden }),
              !carriesOverriddenValue(body, customer: put.customer) else { return }
        let statuses = verdicts[sent] ?? []
        if let refused = statuses.sorted().first(where: { !AddressValidationStatus($0).isVerified }) {
            fail("address_validation = require: a PUT to \(put.customer) carried an address the service called \(refused), "
                 + "no edit of it overridden (edits \(applied.sorted())): \(sent)")
        } else if statuses.isEmpty, !suggested.contains(sent), !applied.contains(where: { reviews[$0] == .accepted }) {
            fail("address_validation = require: a PUT to \(put.customer) moved the address to one the service never judged "
                 + "(edits \(applied.sorted())): \(sent)")
        }
    }

    /// True when the address holds a value an edit the operator pushed as is wanted (an edit
    /// accepted later keeps it, and may be judged not verified because of it).
    func carriesOverriddenValue(_ body: JSONValue, customer: CustomerID) -> Bool {
        edits.values.contains { edit in
            edit.customer == customer && reviews[edit.id] == .overridden && edit.wanted.contains { field, value in
                AddressValidationRequest.keys.contains { "defaultAddress.\($0)" == field } && Self.text(body, field) == value
            }
        }
    }

    /// One outbox row after a step (`previous`: its status at the last check).
    /// `held`: the edit's patch and base (read when it is in or leaves `needs_review`).
    mutating func checkReview(id: Int64, status: String, previous: String?, row: Row, held edit: Row?) {
        let review = reviews[id]
        func text(_ columns: [String]) -> String { columns.map { edit?.string($0) ?? "∅" }.joined(separator: "\n") }
        if status == "needs_review" {
            let held = text(["patch", "base_etag", "base_snapshot"])
            if policy != .require { fail("edit \(id) waits in needs_review under address_validation = \(policy.rawValue)") }
            if let review, review != .cancelled { fail("edit \(id) waits for review again after the operator's \(review.rawValue)") }
            if previous == "needs_review", let before = frozen[id], before != held { fail("edit \(id) changed while it waited in needs_review") }
            frozen[id] = held
        } else if previous == "needs_review" {
            let base = text(["base_etag", "base_snapshot"])
            if review == nil { fail("edit \(id) left needs_review for \(status) without the operator") }
            if let before = frozen[id], !before.hasSuffix("\n" + base) { fail("edit \(id) lost its base when the operator's \(review?.rawValue ?? "review") re-queued it") }
        }
        if review == .cancelled, status != "cancelled" { fail("edit \(id) was cancelled by the operator but is \(status)") }
        if status == "cancelled", review != .cancelled || row.string("review_action") != "cancelled" {
            fail("edit \(id) is cancelled, but the operator never cancelled it")
        }
    }

    /// At quiescence: an edit still waiting for review is explained by a recorded answer of the
    /// address service that is not Verified, and says why it waits.
    mutating func checkWaiting(_ id: Int64, _ connection: Connection) throws {
        let latest = try connection.queryFirst("""
            SELECT v.status, o.last_error FROM outbox o LEFT JOIN address_validations v
              ON v.id = (SELECT max(w.id) FROM address_validations w WHERE w.outbox_id = o.id)
            WHERE o.id = ?
            """, [id])
        guard let status = latest?.string("status") else {
            return fail("edit \(id) waits in needs_review without a recorded answer of the address service")
        }
        if AddressValidationStatus(status).isVerified { fail("edit \(id) waits in needs_review, but the service's latest answer was \(status)") }
        if latest?.string("last_error") == nil { fail("edit \(id) waits in needs_review without a reason") }
    }

    /// At quiescence: an accepted suggestion that ended `pushed` was set by a PUT of ours (or
    /// was already the service's value), field by field — but for a field a later edit of ours
    /// also changes (coalesced into the same PUT, its value wins).
    mutating func checkAcceptedLanded(_ connection: Connection) throws {
        for (id, review) in reviews.sorted(by: { $0.key < $1.key }) where review == .accepted {
            guard let edit = edits[id], let customer = edit.customer,
                  try connection.queryFirst("SELECT status FROM outbox WHERE id = ?", [id])?.string("status") == "pushed" else { continue }
            let later = Set(edits.values.filter { $0.customer == customer && $0.id > id }.flatMap(\.wanted.keys))
            for (field, value) in edit.wanted.sorted(by: { $0.key < $1.key }) where edit.base?[field] != .some(value) && !later.contains(field) {
                let set = pushedValues[customer]?[field]?.contains(value) == true || adminValues[customer]?[field]?.contains(value) == true
                if !set { fail("edit \(id) (suggestion accepted) is pushed, but no PUT set \(field) of \(customer) to \(value ?? "null")") }
            }
        }
    }

    /// At quiescence: under `off` the address service and the country rules were never asked.
    mutating func checkAddressCalls(_ events: SimulationEvents) {
        guard policy == .off, events.addressCheckCount + events.rulesCallCount > 0 else { return }
        fail("address_validation = off, yet \(events.addressCheckCount) address checks and \(events.rulesCallCount) country-rules requests reached the service")
    }
}
