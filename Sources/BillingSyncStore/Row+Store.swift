import BillingSyncSQLite
import PartnerCenterModels

extension Row {
    /// Text column that must be present.
    func requiredText(_ column: String) throws -> String {
        guard let text = string(column) else {
            throw StoreError(.corruptRow, "column \(column) is NULL or not text")
        }
        return text
    }

    /// Integer column, 0 when NULL.
    func count(_ column: String) -> Int {
        int(column) ?? 0
    }

    /// Integer column that must be present.
    func requiredInt64(_ column: String) throws -> Int64 {
        guard let value = int64(column) else {
            throw StoreError(.corruptRow, "column \(column) is NULL or not an integer")
        }
        return value
    }

    /// Text column holding a customer id.
    func customerID(_ column: String) throws -> CustomerID {
        let text = try requiredText(column)
        guard let id = CustomerID(text) else {
            throw StoreError(.corruptRow, "column \(column) holds \(text.debugDescription), not a customer id")
        }
        return id
    }
}
