import BillingSyncEngine
import PartnerCenterClient
import PartnerCenterModels
import Testing
@testable import BillingSyncDaemon

@Suite("Health when only some customers fail")
struct CustomerFailureHealthTests {
    let forbiddenID = CustomerID("eebd1b55-5360-4438-a11d-5c06918c3014")!
    let failingID = CustomerID("0b7d6a3e-1f2c-4d5e-8a9b-0c1d2e3f4a5b")!

    @Test("a 403 confined to one customer is degraded and names that customer, not forbidden")
    func customerForbiddenIsDegraded() throws {
        let error = PartnerCenterError(kind: .forbidden, status: 403, code: "20002", message: "no commerce relationship")
        let failures = try #require(CustomerFailures([forbiddenID: error]))
        guard case .degraded(let reason) = DaemonObserver.healthState(for: failures) else {
            Issue.record("expected degraded, got \(DaemonObserver.healthState(for: failures))")
            return
        }
        #expect(reason.contains(forbiddenID.rawValue))
        #expect(reason.contains("403") && reason.contains("20002"))
    }

    @Test("a 403 for the whole tenant is still forbidden")
    func tenantForbiddenIsForbidden() {
        let error = PartnerCenterError(kind: .forbidden, status: 403, code: "2032", message: "Access denied")
        #expect(DaemonObserver.healthState(for: error) == .forbidden)
    }

    @Test("the report names the first customers and counts the rest")
    func describesMany() throws {
        let error = PartnerCenterError(kind: .transient, status: 503, message: "unavailable")
        var all: [CustomerID: PartnerCenterError] = [forbiddenID: error, failingID: error]
        for index in 0..<6 {
            all[CustomerID("00000000-0000-4000-8000-00000000000\(index)")!] = error
        }
        let failures = try #require(CustomerFailures(all))
        #expect(failures.description.hasPrefix("8 customers failed: "))
        #expect(failures.description.hasSuffix("and 3 more"))
        #expect(CustomerFailures([:]) == nil)
    }
}
