/// `billing-sync history CUSTOMER --json` (version 1): changes newest first.
struct HistoryJSON: CLIJSON {
    struct Change: Codable {
        var id: Int64, detectedAt: String, source: String, field: String
        var oldValue: String?, newValue: String?, oldETag: String?, newETag: String?, editID: Int64?
    }
    var version = 1
    var customer: String
    var changes: [Change]
}
