import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterModels

/// Checks the sync core's promises against what really happened, after every step and at
/// quiescence. It keeps its own record of every queued edit (its wanted values and the base it
/// was made on, read by the oracle itself at queue time) and of every value another admin set,
/// and sees every PUT as the service saw it.
struct SimulationOracle {
    /// One queued edit as the oracle knows it.
    struct Edit {
        let id: Int64
        let customer: CustomerID?
        /// Field path → wanted value (as text; nil = null).
        var wanted: [String: String?]
        /// Field path → the value its base had, for the fields it changes; nil when no base.
        var base: [String: String?]?
        /// The profile it was queued on (nil: no base is known).
        let baseResource: JSONValue?
        /// How many PUTs the service had seen when the edit was queued.
        var queuedAfterPuts = 0
        var consumed: Set<String> = []
        /// Field → the index of the PUT that applied this edit's value.
        var appliedByPut: [String: Int] = [:]
    }

    private(set) var violations: [String] = []
    var edits: [Int64: Edit] = [:]
    var lastStatus: [Int64: String] = [:]
    private var putsSeen = 0
    /// Protocol violations of the wire already reported.
    private var protocolViolationsSeen = 0
    private var requestBodies: [String: String] = [:]
    /// Values set by other admins, per customer and field.
    var adminValues: [CustomerID: [String: Set<String?>]] = [:]
    /// Values our applied PUTs set, per customer and field.
    var pushedValues: [CustomerID: [String: Set<String?>]] = [:]
    /// Fields the simulation edits.
    let fields: [String]
    /// `[push] address_validation` of the world's processes.
    let policy: AddressValidationPolicy
    /// What the operator did to edits waiting for review (see `SimulationOracle+Addresses`).
    var reviews: [Int64: Review] = [:]
    /// Patch and base of each edit as last seen in `needs_review`.
    var frozen: [Int64: String] = [:]
    /// Address-service answers seen so far.
    var addressChecksSeen = 0
    /// Address (see `addressKey`) → the statuses the service gave it.
    var verdicts: [String: Set<String>] = [:]
    /// Addresses the service suggested.
    var suggested: Set<String> = []

    init(fields: [String], policy: AddressValidationPolicy = .off) {
        self.fields = fields
        self.policy = policy
    }

    /// Final statuses (`cancelled`: an operator dropped an edit waiting for review).
    static let terminal: Set<String> = ["pushed", "conflict", "rejected", "failed", "cancelled"]

    static func text(_ resource: JSONValue?, _ path: String) -> String? {
        ProfileDiff.textValue(resource?.value(atPath: path))
    }

    /// The real client kept the protocol on the wire: no API request while a `Retry-After` it
    /// was given ran, no refresh token presented after it was rotated (`SimulatedWire`).
    mutating func checkProtocol(_ events: SimulationEvents) {
        let seen = events.protocolViolations(from: protocolViolationsSeen)
        protocolViolationsSeen += seen.count
        for violation in seen { fail("protocol: \(violation)") }
    }

    mutating func fail(_ text: String) {
        violations.append(text)
    }

    /// An edit was queued with these wanted values on this base (nil: no base is known).
    mutating func queued(id: Int64, customer: CustomerID?, wanted: [String: String?], base: JSONValue?, afterPuts: Int) {
        let baseValues = base.map { base in Dictionary(uniqueKeysWithValues: wanted.keys.map { ($0, Self.text(base, $0)) }) }
        edits[id] = Edit(id: id, customer: customer, wanted: wanted, base: baseValues, baseResource: base, queuedAfterPuts: afterPuts)
    }

    /// Another admin set `field` of `customer` to `value`.
    mutating func adminSet(_ customer: CustomerID, _ field: String, _ value: String?) {
        adminValues[customer, default: [:]][field, default: []].insert(value)
    }

    /// (b) and (c): every PUT since the last check changed only fields that an edit made on the
    /// value it found wanted changed, applied no edit twice, and one request id named one PUT.
    mutating func checkPuts(_ events: SimulationEvents) {
        readAddressChecks(events)
        checkProtocol(events)
        for (offset, put) in events.puts(from: putsSeen).enumerated() {
            let putIndex = putsSeen + offset
            let pair = "\(put.ifMatch)\n\(put.body)"
            if let known = requestBodies[put.requestID], known != pair {
                fail("MS-RequestId \(put.requestID) was sent for two different PUTs (customer \(put.customer))")
            }
            requestBodies[put.requestID] = pair
            guard let after = put.after else { continue }
            var applied: Set<Int64> = []
            for field in fields {
                let old = Self.text(put.before, field)
                let new = Self.text(after, field)
                guard old != new else { continue }
                let mine = edits.values.filter { $0.customer == put.customer && $0.wanted[field] == .some(new) }
                    .sorted { $0.id < $1.id }
                // An edit replaces the value it was made on, or a value an earlier edit of ours set
                // by a PUT (our own queue applies in order: no conflict with ourselves).
                let possible = mine.filter { edit in
                    !edit.consumed.contains(field)
                        && (edit.base?[field] == .some(old) || ownEarlierEditSet(old, field, customer: put.customer, before: edit.id))
                }
                // Two edits may want one value: a PUT carries the one not waiting for review.
                let free = possible.filter { reviews[$0.id] != nil || lastStatus[$0.id] != "needs_review" }
                let justified = free.isEmpty ? possible : free
                if !justified.isEmpty {
                    applied.formUnion(justified.map(\.id))
                    for edit in justified {
                        edits[edit.id]?.consumed.insert(field)
                        edits[edit.id]?.appliedByPut[field] = putIndex
                    }
                    pushedValues[put.customer, default: [:]][field, default: []].insert(new)
                } else if mine.contains(where: { $0.consumed.contains(field) }) {
                    fail("double apply: a PUT set \(field) of \(put.customer) to \(new ?? "null") again (edits \(mine.map(\.id)))")
                } else {
                    let bases = mine.map { "edit \($0.id) made on \($0.base?[field].map { $0 ?? "null" } ?? "no base")" }
                    fail("lost update: a PUT changed \(field) of \(put.customer) from \(old ?? "null") to \(new ?? "null"), "
                         + "but no edit was made on \(old ?? "null") (\(bases.isEmpty ? "no edit wants it" : bases.joined(separator: "; ")))")
                }
            }
            checkAddressPut(put, applied: applied)
        }
        putsSeen = events.putCount
    }

    /// True when an edit of `customer` queued before `id` wanted `value` for `field` and a PUT
    /// applied it.
    private func ownEarlierEditSet(_ value: String?, _ field: String, customer: CustomerID, before id: Int64) -> Bool {
        edits.values.contains { other in
            other.customer == customer && other.id < id && other.wanted[field] == .some(value) && other.consumed.contains(field)
        }
    }

    /// Statuses only move forward and no edit disappears.
    /// Runs after every step: the edit and its base are read only for an edit in or leaving
    /// `needs_review` (reading every base every step was a seventh of the simulation's time).
    mutating func checkOutbox(_ connection: Connection) throws {
        let rows = try connection.query("SELECT id, status, review_action FROM outbox", [])
        var seen: Set<Int64> = []
        for row in rows {
            guard let id = row.int64("id"), let status = row.string("status") else { continue }
            seen.insert(id)
            if let previous = lastStatus[id], previous != status {
                if Self.terminal.contains(previous) {
                    fail("edit \(id) moved from \(previous) back to \(status)")
                }
            }
            let held = status == "needs_review" || lastStatus[id] == "needs_review"
                ? try connection.queryFirst("SELECT patch, base_etag, base_snapshot FROM outbox WHERE id = ?", [id]) : nil
            checkReview(id: id, status: status, previous: lastStatus[id], row: row, held: held)
            lastStatus[id] = status
        }
        for id in lastStatus.keys where !seen.contains(id) {
            fail("edit \(id) disappeared from the outbox")
        }
    }

    /// (a), (d), (e), (f) at quiescence. `remote` is the service's final state (customer →
    /// profile); `stuck` are customers whose fault lasts (their edits may stay open).
    mutating func checkQuiescence(_ connection: Connection, remote: [CustomerID: JSONValue], stuck: Set<CustomerID>) throws {
        for row in try connection.query("SELECT id, customer_id, status, last_error FROM outbox ORDER BY id", []) {
            let id = row.int64("id") ?? -1
            let status = row.string("status") ?? "?"
            let customer = row.string("customer_id").flatMap(CustomerID.init)
            if status == "needs_review" {
                try checkWaiting(id, connection)
            } else if !Self.terminal.contains(status) {
                if let customer, stuck.contains(customer) { continue }
                fail("edit \(id) is still \(status) after the faults ended")
            } else if status != "pushed", row.string("last_error") == nil {
                fail("edit \(id) is \(status) without a reason")
            } else if status == "rejected", let reason = row.string("last_error"),
                      reason.range(of: #"Etag is no longer valid|Precondition failed"#, options: .regularExpression) != nil {
                // A stale ETag (412, or 400 with code 2055: the emulator's documented texts) means re-read and merge, never reject.
                fail("edit \(id) was rejected on a stale-ETag answer: \(reason)")
            }
        }
        // Convergence: every field and ETag of every reachable customer.
        let mirror = try connection.query("SELECT customer_id, status, etag, raw_json FROM billing_profiles", [])
        var mirrored: [CustomerID: (etag: String?, resource: JSONValue?)] = [:]
        for row in mirror {
            guard let id = row.string("customer_id").flatMap(CustomerID.init), row.string("status") == "ok" else { continue }
            mirrored[id] = (row.string("etag"), row.string("raw_json").flatMap { try? JSONValue(parsing: $0) })
        }
        for (id, profile) in remote.sorted(by: { $0.key < $1.key }) where !stuck.contains(id) {
            guard let row = mirrored[id] else {
                fail("customer \(id) is not mirrored at the end")
                continue
            }
            if row.etag != Self.text(profile, "attributes.etag") {
                fail("customer \(id): mirror ETag \(row.etag ?? "nil") but Partner Center has \(Self.text(profile, "attributes.etag") ?? "nil")")
            }
            for field in BillingProfileField.all.map(\.path) where Self.text(row.resource, field) != Self.text(profile, field) {
                fail("customer \(id): mirror \(field) = \(Self.text(row.resource, field) ?? "null"), Partner Center \(Self.text(profile, field) ?? "null")")
            }
        }
        let listed = try connection.query("SELECT id FROM customers WHERE removed_at IS NULL", [])
            .compactMap { $0.string("id").flatMap(CustomerID.init) }
        for id in listed where remote[id] == nil {
            fail("customer \(id) is gone at Partner Center but not marked removed")
        }
        try checkHistory(connection, remote: remote, stuck: stuck)
        try checkAcceptedLanded(connection)
        try checkConflictsAreNotWithOurselves(connection)
        let integrity = try connection.integrityCheck()
        if integrity != ["ok"] { fail("integrity_check: \(integrity)") }
    }
}
