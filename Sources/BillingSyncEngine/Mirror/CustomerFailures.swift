import PartnerCenterAPI
import PartnerCenterModels

/// Failures confined to some customers (a 403 on their profile after a GDAP change, a profile
/// that still fails after retries): the run went on for every other customer. Reported as the
/// activity's problem, which the daemon shows as `degraded` naming them; the customers stay in
/// the retry set and are fetched again on the next run.
public struct CustomerFailures: Error, Sendable, CustomStringConvertible {
    /// The failed customers with their last error, in id order.
    public let failures: [(customer: CustomerID, error: PartnerCenterError)]

    /// Creates the report; nil when nothing failed.
    public init?(_ failures: [CustomerID: PartnerCenterError]) {
        guard !failures.isEmpty else { return nil }
        self.failures = failures.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// True when every failure is a 403.
    public var allForbidden: Bool { failures.allSatisfy { $0.error.kind == .forbidden } }

    /// "2 customers failed: <id> (forbidden, HTTP 403, code 20002), …" (the first five named).
    public var description: String {
        let named = failures.prefix(5).map { failure -> String in
            var detail = [failure.error.kind.rawValue]
            if let status = failure.error.status { detail.append("HTTP \(status)") }
            if let code = failure.error.code { detail.append("code \(code)") }
            return "\(failure.customer) (\(detail.joined(separator: ", ")))"
        }
        let more = failures.count > 5 ? ", and \(failures.count - 5) more" : ""
        let noun = failures.count == 1 ? "customer" : "customers"
        return "\(failures.count) \(noun) failed: \(named.joined(separator: ", "))\(more)"
    }
}
