import PartnerCenterClient
import Testing
@testable import AzureBillingClient

@Suite("ARM URLs: names, encoding, nextLink host")
struct ARMEndpointTests {
    let endpoint = ARMEndpoint(baseURL: "https://management.azure.com/", apiVersion: "2020-05-01")

    @Test("path segments are percent-encoded and api-version comes first, $expand keeps its comma")
    func encodesSegmentsAndQuery() throws {
        let url = try endpoint.url([("providers", false), ("Microsoft.Billing", false), ("billingAccounts", false),
                                    ("1234:ab cd_2019?#%", true), ("customers", false)],
                                   query: [("$expand", "enabledAzurePlans,resellers"), ("$filter", "displayName eq 'A&B'"),
                                           ("$search", nil)])
        #expect(url == "https://management.azure.com/providers/Microsoft.Billing/billingAccounts/1234:ab%20cd_2019%3F%23%25/customers"
            + "?api-version=2020-05-01&$expand=enabledAzurePlans,resellers&$filter=displayName%20eq%20%27A%26B%27")
    }

    @Test("names that are empty, too long, or contain a slash, '..' or a control character are refused",
          arguments: ["", String(repeating: "a", count: 257), "a/b", "a\\b", "..", "a..b", "a\nb", "a\u{7f}b"])
    func refusesBadNames(_ name: String) {
        #expect {
            _ = try endpoint.url([(name, true)], query: [])
        } throws: { ($0 as? PartnerCenterError)?.kind == .invalidInput }
    }

    @Test("a nextLink on another host (or scheme or port) is refused so the token cannot leak")
    func refusesForeignNextLink() {
        for link in ["https://evil.example.com/providers/x?$skipToken=1", "http://management.azure.com/x?$skipToken=1",
                     "https://management.azure.com:8443/x", "/providers/relative?$skipToken=1"] {
            #expect(throws: PartnerCenterError.self, "\(link)") { _ = try endpoint.resolve(nextLink: link) }
        }
    }

    @Test("a nextLink on the ARM host is followed as is, with api-version added when it lacks one")
    func followsOwnNextLink() throws {
        let link = "https://MANAGEMENT.azure.com/providers/Microsoft.Billing/billingAccounts/a/customers?$skipToken=abc"
        #expect(try endpoint.resolve(nextLink: link) == link + "&api-version=2020-05-01")
        let withVersion = "https://management.azure.com/x?api-version=2020-05-01&$skipToken=abc"
        #expect(try endpoint.resolve(nextLink: withVersion) == withVersion)
    }

    @Test("a base URL that is not http(s) fails every request before sending")
    func badBaseURL() {
        let broken = ARMEndpoint(baseURL: "ftp://x", apiVersion: "2020-05-01")
        #expect(throws: PartnerCenterError.self) { _ = try broken.url([("providers", false)], query: []) }
    }
}
