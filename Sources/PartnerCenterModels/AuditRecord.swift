import Foundation

/// One Partner Center activity-log entry (`GET /v1/auditrecords`).
public struct AuditRecord: Sendable {
    /// The record id, when sent.
    public var id: String?
    /// The customer the operation concerned (nil when absent or not a GUID).
    public var customerID: CustomerID?
    /// e.g. `update_customer_billing_profile`, `add_customer`, `delete_customer`.
    public var operationType: String
    /// When the operation happened (nil when absent or unparseable; see `operationDateText`).
    public var operationDate: Date?
    /// `operationDate` exactly as sent.
    public var operationDateText: String?
    /// e.g. `succeeded`.
    public var operationStatus: String?
    /// e.g. `CustomerBillingProfile`.
    public var resourceType: String?
    /// `resourceNewValue` parsed from its serialized JSON text (nil when absent or not JSON);
    /// parsed when read, since the sync engine needs only the customer and operation of a record.
    public var resourceNewValue: JSONValue? {
        switch resource[member: "resourceNewValue"] {
        case .string(let text)?: try? JSONValue(parsing: text)
        case .object(let members)?: .object(members)
        default: nil
        }
    }
    /// `originalCorrelationId`.
    public var originalCorrelationID: String?
    /// The whole record as received.
    public var resource: JSONValue

    /// Reads a record object (camelCase or PascalCase keys).
    public init(json: JSONValue) throws(ModelDecodingError) {
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "AuditRecord", reason: "not a JSON object")
        }
        id = json.text("id")
        customerID = json.text("customerId").flatMap(CustomerID.init)
        operationType = json.text("operationType") ?? ""
        operationDateText = json.text("operationDate")
        operationDate = operationDateText.flatMap(Self.parseDate)
        operationStatus = json.text("operationStatus")
        resourceType = json.text("resourceType")
        originalCorrelationID = json.text("originalCorrelationId")
        resource = json
    }

    /// Parses ISO 8601 date-times with any number of fractional digits (`…T18:20:43.6565467Z`)
    /// or none, with `Z` or a numeric offset; a bare date (`2024-05-01`) is read as UTC midnight.
    public static func parseDate(_ text: String) -> Date? {
        var base = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let tail = text[text.index(after: dot)...]
            let digits = tail.prefix { $0.isASCII && $0.isNumber }
            fraction = Double("0." + digits) ?? 0
            base = String(text[..<dot]) + tail.dropFirst(digits.count)
        }
        if base.count == 10 { base += "T00:00:00Z" }
        if !base.hasSuffix("Z"), base.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) == nil {
            base += "Z"
        }
        return (try? Date(base, strategy: Date.ISO8601FormatStyle())).map { $0.addingTimeInterval(fraction) }
    }
}
