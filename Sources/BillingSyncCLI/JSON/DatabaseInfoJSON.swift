/// `billing-sync db info --json` (version 1).
struct DatabaseInfoJSON: CLIJSON {
    struct Table: Codable { var table: String; var rows: Int }
    var version = 1
    var path: String
    var schemaVersion: Int
    var currentVersion: Int
    var fileSize: Int64
    var walSize: Int64?
    var tables: [Table]
}
