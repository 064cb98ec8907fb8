/// `billing-sync conflicts --json` (version 1).
struct ConflictsJSON: CLIJSON {
    struct Conflict: Codable {
        var id: Int64, editID: Int64, customerID: String, fields: [String], remoteETag: String?
        var detectedAt: String, resolution: String?, resolvedAt: String?
    }
    var version = 1
    var conflicts: [Conflict]
}
