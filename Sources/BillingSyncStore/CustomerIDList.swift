import PartnerCenterModels

extension Array where Element == CustomerID {
    /// The ids as a JSON array of strings, for `… IN (SELECT value FROM json_each(?))`: one
    /// statement about many customers. A customer id is a lower-case GUID, which needs no escaping.
    var jsonList: String {
        var text = "["
        text.reserveCapacity(2 + count * 39)
        for (index, id) in enumerated() {
            if index > 0 { text += "," }
            text += "\""
            text += id.rawValue
            text += "\""
        }
        text += "]"
        return text
    }
}
