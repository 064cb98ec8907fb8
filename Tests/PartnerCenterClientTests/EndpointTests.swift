@testable import PartnerCenterClient
import PartnerCenterModels
import Testing

@Suite struct EndpointTests {
    @Test(arguments: ["http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/"])
    func nextLinksResolveWithOrWithoutVersion(base: String) throws {
        let endpoint = Endpoint(baseURL: base)
        #expect(try endpoint.url("customers?size=5") == "http://127.0.0.1:8080/v1/customers?size=5")
        #expect(try endpoint.resolve(linkURI: "/v1/customers?size=5&seekOperation=Next") == "http://127.0.0.1:8080/v1/customers?size=5&seekOperation=Next")
        #expect(try endpoint.resolve(linkURI: "/customers?size=5&seekOperation=Next") == "http://127.0.0.1:8080/v1/customers?size=5&seekOperation=Next")
        #expect(try endpoint.resolve(linkURI: "customers?size=5") == "http://127.0.0.1:8080/v1/customers?size=5")
        #expect(try endpoint.resolve(linkURI: "//v1/customers") == "http://127.0.0.1:8080/v1/customers")
        #expect(try endpoint.resolve(linkURI: "/v1?x=1") == "http://127.0.0.1:8080/v1?x=1")
        #expect(try endpoint.resolve(linkURI: "/v1x/customers") == "http://127.0.0.1:8080/v1/v1x/customers")
    }

    @Test func absoluteLinksOnlyToTheSameOrigin() throws {
        let endpoint = Endpoint(baseURL: "https://api.partnercenter.microsoft.com")
        #expect(try endpoint.resolve(linkURI: "https://api.partnercenter.microsoft.com/v1/customers?seekOperation=Next")
                == "https://api.partnercenter.microsoft.com/v1/customers?seekOperation=Next")
        #expect(throws: PartnerCenterError.self) { try endpoint.resolve(linkURI: "https://evil.example.com/v1/customers") }
        #expect(throws: PartnerCenterError.self) { try endpoint.resolve(linkURI: "http://api.partnercenter.microsoft.com/v1/customers") }
    }

    @Test func badBaseURLIsInvalidInput() {
        #expect(throws: PartnerCenterError.self) { try Endpoint(baseURL: "ftp://x").url("customers") }
        #expect(throws: PartnerCenterError.self) { try Endpoint(baseURL: "not a url").url("customers") }
    }

    @Test func credentialsNeverDescribeSecrets() {
        let credentials = ClientCredentials(
            tokenURL: "https://login.microsoftonline.com/t/oauth2/v2.0/token", clientID: "app", tenantID: "t",
            grant: .refreshToken(clientSecret: "TOP-SECRET", refreshToken: "REFRESH-ME"),
            form: .v1(resource: "https://api.partnercenter.microsoft.com"))
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials)] {
            #expect(!text.contains("TOP-SECRET"))
            #expect(!text.contains("REFRESH-ME"))
            #expect(text.contains("app"))
        }
    }
}
