import PartnerCenterEmulator
import PartnerCenterModels

/// One edit the kill loop queues: a unique marker in `defaultAddress.addressLine2`, and whether
/// it is deliberately invalid (then it must end `rejected`).
struct QueuedEdit: Sendable {
    /// The outbox row id.
    var id: Int64 = 0
    let customerID: String
    let patch: String
    /// The unique value written to `defaultAddress.addressLine2` (valid edits only).
    let marker: String
    let isInvalid: Bool

    /// Edit number `number` for `customer`: every 8th is invalid in one of four ways.
    static func make(number: Int, customer: CustomerID, rng: inout SeededGenerator) -> QueuedEdit {
        let marker = "edit-\(number)"
        guard number % 8 == 7 else {
            let city = Bool.random(using: &rng) ? #","city":"Kill City \#(number)""# : ""
            return QueuedEdit(customerID: customer.rawValue,
                              patch: #"{"defaultAddress":{"addressLine2":"\#(marker)"\#(city)}}"#,
                              marker: marker, isInvalid: false)
        }
        switch (number / 8) % 4 {
        case 0:
            return QueuedEdit(customerID: customer.rawValue,
                              patch: #"{"defaultAddress":{"addressLine2":"\#(marker)","country":"Narnia"}}"#,
                              marker: marker, isInvalid: true)
        case 1:
            return QueuedEdit(customerID: customer.rawValue, patch: #"{"shoeSize":"\#(marker)"}"#,
                              marker: marker, isInvalid: true)
        case 2:
            return QueuedEdit(customerID: customer.rawValue, patch: #"{"defaultAddress":{"addressLine2":"#,
                              marker: marker, isInvalid: true)
        default:
            return QueuedEdit(customerID: "not-a-customer-\(number)",
                              patch: #"{"defaultAddress":{"addressLine2":"\#(marker)"}}"#, marker: marker, isInvalid: true)
        }
    }
}
