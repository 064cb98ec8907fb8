import BillingSyncStore
import Foundation
import PartnerCenterModels

/// The audit feed's position: the newest `operationDate` handled, and the records already handled
/// within the overlap window before it. Each poll re-reads that window, because records can reach
/// the feed late and the two clocks differ; the keys keep a record from being handled twice.
struct AuditCursor: Codable, Equatable {
    /// `operationDate` of the newest handled record, as checkpoint text (ISO-8601, milliseconds).
    var newest: String
    /// Keys of the handled records within the overlap window before `newest`, with their dates.
    var seen: [String: String]

    /// Reads the stored checkpoint (JSON, or a bare timestamp as written by earlier versions).
    init?(checkpoint: String?) {
        guard let checkpoint else { return nil }
        if let decoded = try? JSONDecoder().decode(AuditCursor.self, from: Data(checkpoint.utf8)) {
            self = decoded
        } else if Timestamp.date(from: checkpoint) != nil {
            self.init(newest: checkpoint, seen: [:])
        } else {
            return nil
        }
    }

    init(newest: String, seen: [String: String]) {
        self.newest = newest
        self.seen = seen
    }

    /// The checkpoint text.
    var checkpointText: String {
        (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? newest
    }

    /// A stable identity for a record: its id when the service sends one, else its content.
    static func key(of record: AuditRecord) -> String {
        if let id = record.id, !id.isEmpty { return id }
        return [record.operationDateText ?? "", record.customerID?.rawValue ?? "", record.operationType,
                record.originalCorrelationID ?? ""].joined(separator: "|")
    }
}
