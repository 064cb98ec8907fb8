import BillingSyncStore

/// `billing-sync export --format json` (version 1): a view's rows as objects keyed by column.
struct ExportJSON: CLIJSON {
    var version = 1
    var view: String
    var columns: [String]
    var rows: [[String: String?]]

    init(view: String, table: ExportTable) {
        self.view = view
        columns = table.columns
        rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0).map { ($0, $1) }) }
    }

    /// RFC 4180 CSV: a header line, then one line per row (CRLF); NULL is an empty field.
    static func csv(_ table: ExportTable) -> String {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let lines = [table.columns.map(field)] + table.rows.map { $0.map(field) }
        return lines.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }
}
