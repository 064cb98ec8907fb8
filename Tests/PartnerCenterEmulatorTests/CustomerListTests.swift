import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Customers list and get by ID")
struct CustomerListTests {
    @Test("size=7 over 50 customers: every id exactly once via links.next and MS-ContinuationToken")
    func paging() async throws {
        try await EmulatorHarness.with(.test(customers: 50)) { h in
            let token = try await h.accessToken()
            var seen: [String] = []
            var page = try await h.api(.GET, "/v1/customers?size=7", token: token)
            var pages = 1
            while true {
                #expect(page.status == 200)
                let json = try #require(page.json)
                #expect(json[member: "attributes"]?[member: "objectType"] == .string("Collection"))
                let items = try #require(json[member: "items"]?.arrayValue)
                #expect(json[member: "totalCount"] == .integer(Int64(items.count)))
                for item in items {
                    #expect(item[member: "billingProfile"] == nil)
                    #expect(item[member: "companyProfile"]?[member: "companyName"]?.stringValue != nil)
                    seen.append(try #require(item[member: "id"]?.stringValue))
                }
                guard let next = json.value(atPath: "links.next") else { break }
                let uri = try #require(next[member: "uri"]?.stringValue)
                #expect(uri == "/customers?size=7&seekOperation=Next")
                let header = try #require(next[member: "headers"]?.arrayValue?.first)
                #expect(header[member: "key"] == .string("MS-ContinuationToken"))
                let value = try #require(header[member: "value"]?.stringValue)
                page = try await h.api(.GET, "/v1" + uri, token: token, headers: [("MS-ContinuationToken", value)])
                pages += 1
            }
            #expect(pages == 8)
            #expect(seen.count == 50)
            #expect(Set(seen) == Set(await h.emulator.state.customerIDs().map(\.rawValue)))
            #expect(await h.emulator.state.requestCount(route: "GET /v1/customers", status: 200) == 8)
        }
    }

    @Test("seekOperation=Next without or with a bad MS-ContinuationToken is 400")
    func continuationTokenRequired() async throws {
        try await EmulatorHarness.with(.test(customers: 20)) { h in
            let token = try await h.accessToken()
            let missing = try await h.api(.GET, "/v1/customers?size=5&seekOperation=Next", token: token)
            #expect(missing.status == 400)
            #expect(missing.json?[member: "code"] == .integer(800002))
            let bad = try await h.api(.GET, "/v1/customers?size=5&seekOperation=Next", token: token,
                                      headers: [("MS-ContinuationToken", "forged")])
            #expect(bad.status == 400)
        }
    }

    @Test("nextLinkIncludesVersion puts /v1 in links.next.uri; size 0 uses the default page size")
    func nextLinkVersionAndDefaultSize() async throws {
        var configuration = EmulatorConfiguration.test(customers: 12)
        configuration.nextLinkIncludesVersion = true
        configuration.defaultPageSize = 5
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let page = try #require(try await h.api(.GET, "/v1/customers?size=0", token: token).json)
            #expect(page[member: "items"]?.arrayValue?.count == 5)
            #expect(page.value(atPath: "links.next.uri") == .string("/v1/customers?size=5&seekOperation=Next"))
        }
    }

    @Test("the same seed gives the same customers and profiles; another seed differs")
    func deterministic() async throws {
        func profiles(seed: UInt64) async throws -> [JSONValue?] {
            try await EmulatorHarness.with(EmulatorConfiguration.test(customers: 15, seed: seed)) { h in
                await h.emulator.state.customerIDs().asyncMap { await h.emulator.state.profile($0) }
            }
        }
        let a = try await profiles(seed: 99)
        let b = try await profiles(seed: 99)
        let c = try await profiles(seed: 100)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("generated profiles are valid, varied and include non-ASCII names and unknown fields")
    func generatedData() async throws {
        try await EmulatorHarness.with(.test(customers: 200, seed: 3)) { h in
            let state = h.emulator.state
            var profiles: [JSONValue] = []
            for id in await state.customerIDs() { profiles.append(try #require(await state.profile(id))) }
            for profile in profiles { #expect(BillingProfileField.violations(in: profile) == []) }
            let names = profiles.compactMap { $0[member: "companyName"]?.stringValue }
            #expect(names.contains { $0.unicodeScalars.contains { $0.value > 0x4E00 && $0.value < 0x9FFF } })
            #expect(names.contains { $0.contains("é") || $0.contains("ü") || $0.contains("ö") })
            #expect(profiles.contains { $0.value(atPath: "defaultAddress.addressLine2") != nil })
            #expect(profiles.contains { $0.value(atPath: "defaultAddress.middleName") != nil })
            let documented = Set(BillingProfileField.all.map { $0.path.split(separator: ".").first.map(String.init)! })
                .union(["links", "attributes"])
            #expect(profiles.contains { !Set($0.objectValue!.keys).isSubset(of: documented) })
        }
    }

    @Test("get by ID has billingProfile and allowDelegatedAccess; bad ids are 400 code 2000, unknown 404")
    func byID() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            let answer = try await h.api(.GET, "/v1/customers/\(id.rawValue)", token: token,
                                         headers: [("MS-CorrelationId", "corr-1")])
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "MS-CorrelationId") != nil)
            let json = try #require(answer.json)
            #expect(json[member: "allowDelegatedAccess"] == .bool(true))
            #expect(json.value(atPath: "billingProfile.attributes.objectType") == .string("CustomerBillingProfile"))
            let bad = try await h.api(.GET, "/v1/customers/not-a-guid", token: token)
            #expect(bad.status == 400)
            #expect(bad.json?[member: "code"] == .integer(2000))
            let unknown = try await h.api(.GET, "/v1/customers/\(UUID().uuidString.lowercased())", token: token)
            #expect(unknown.status == 404)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
