import BillingSyncStore
import PartnerCenterEmulator
import PartnerCenterModels

/// Checks the emulator's write log against the outbox: no PUT was built on a stale or already
/// used ETag, no edit's marker was written twice, and no pushed edit is missing from the log.
struct WriteLogAudit {
    /// Problems found, one line each (empty = all good).
    private(set) var problems: [String] = []
    /// Markers written by more than one PUT.
    private(set) var duplicated = 0
    /// Pushed edits whose change never reached Partner Center.
    private(set) var lost = 0

    /// `initialETags`: each customer's etag before the daemon first ran; `audit`: the emulator's
    /// audit records (they carry the etags other admins' changes produced).
    init(writes: [EmulatorWrite], edits: [OutboxEdit], queued: [QueuedEdit],
         initialETags: [CustomerID: String], audit: [JSONValue]) {
        var known: [CustomerID: Set<String>] = initialETags.mapValues { [$0] }
        for record in audit where record[member: "operationType"]?.stringValue == "update_customer_billing_profile" {
            guard let id = record[member: "customerId"]?.stringValue.flatMap(CustomerID.init),
                  let text = record[member: "resourceNewValue"]?.stringValue,
                  let etag = (try? JSONValue(parsing: text))?.value(atPath: "Attributes.Etag")?.stringValue else { continue }
            known[id, default: []].insert(etag)
        }
        var used: [CustomerID: Set<String>] = [:]
        var lastWrite: [CustomerID: String] = [:]
        var ours: Set<String> = []
        var markerWrites: [String: Int] = [:]
        for (index, write) in writes.enumerated() {
            let id = write.customerID
            let ifMatch = write.ifMatch.map { EmulatorWriteETag.unquoted($0) }
            if ifMatch != write.oldETag { problems.append("write \(index) for \(id): If-Match \(write.ifMatch ?? "nil") is not the old etag \(write.oldETag)") }
            if !(known[id]?.contains(write.oldETag) ?? false) { problems.append("write \(index) for \(id): old etag \(write.oldETag) never existed") }
            if !used[id, default: []].insert(write.oldETag).inserted { problems.append("write \(index) for \(id): etag \(write.oldETag) was written over twice") }
            if ours.contains(write.oldETag), lastWrite[id] != write.oldETag { problems.append("write \(index) for \(id): built on a superseded etag \(write.oldETag)") }
            known[id, default: []].insert(write.newETag)
            ours.insert(write.newETag)
            lastWrite[id] = write.newETag
            if let marker = write.body.value(atPath: "defaultAddress.addressLine2")?.stringValue, marker.hasPrefix("edit-") {
                markerWrites[marker, default: 0] += 1
            }
        }
        for (marker, count) in markerWrites where count > 1 {
            duplicated += 1
            problems.append("\(marker) was written by \(count) PUTs")
        }
        let markers = Dictionary(uniqueKeysWithValues: queued.map { ($0.id, $0.marker) })
        let pushedGroups = Dictionary(grouping: edits.filter { $0.status == .pushed }) {
            "\($0.customerIDText) \($0.resultETag ?? "")"
        }
        for group in pushedGroups.values {
            guard let last = group.max(by: { $0.id < $1.id }), let marker = markers[last.id] else { continue }
            if markerWrites[marker, default: 0] != 1 {
                lost += group.count
                problems.append("pushed edits \(group.map(\.id).sorted()) (\(marker)) are in \(markerWrites[marker, default: 0]) writes, expected 1")
            }
        }
    }
}

/// ETag quoting as the API sends it (`"…"` or `W/"…"`).
enum EmulatorWriteETag {
    static func unquoted(_ value: String) -> String {
        var text = Substring(value.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        return String(text)
    }
}
