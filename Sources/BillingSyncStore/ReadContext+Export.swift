import BillingSyncSQLite
import Foundation

extension ReadContext {
    /// Every row of `view`, one of ``ExportTable/views`` (others throw `invalidArgument`).
    public func export(view: String) throws -> ExportTable {
        guard ExportTable.views.contains(view) else {
            throw StoreError(.invalidArgument, "unknown view \(view); one of \(ExportTable.views.joined(separator: ", "))")
        }
        // The name is one of the fixed list above, so it can be spliced in.
        let rows = try connection.query("SELECT * FROM \(view)", [])
        let columns = try connection.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [view])
            .compactMap { $0.string("name") }
        return ExportTable(columns: columns, rows: rows.map { row in
            row.values.map { value in
                switch value {
                case .null: nil
                case .integer(let number): String(number)
                case .real(let number): String(number)
                case .text(let text): text
                case .blob(let bytes): bytes.map { String(format: "%02x", $0) }.joined()
                }
            }
        })
    }
}
